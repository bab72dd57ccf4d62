# Runs one of the benchmarks of backend/src/test (a class with a main) against PostGIS on this machine:
#   . scripts/lib/bench.sh; run_benchmark cn.dongli.carbonmap.metrics.MetricsBenchmark "$@"
# from the repository's root. Starts PostGIS if needed, compiles the tests, and runs the class in its own JVM (8 GB).
. scripts/lib/postgis.sh

run_benchmark() {
    local class="$1"
    shift
    start_postgis
    mvn -q -B -ntp -pl backend -Dweb.skip=true test-compile dependency:build-classpath \
        -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
    local cp="backend/target/test-classes:backend/target/classes:$(cat backend/target/bench.classpath)"
    exec java -Xmx8g -cp "$cp" "$class" "$@"
}
