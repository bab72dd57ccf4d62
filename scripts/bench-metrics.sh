#!/usr/bin/env bash
# The indicator engine against PostGIS on the same synthetic district (default scales 1 and 10):
# prints both times, their ratio, the time to updated figures after one edit, and the engine's heap.
# Usage: bash scripts/bench-metrics.sh [scale ...]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/postgis.sh
start_postgis
mvn -q -B -ntp -pl backend -Dweb.skip=true test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
cp="backend/target/test-classes:backend/target/classes:$(cat backend/target/bench.classpath)"
exec java -Xmx8g -cp "$cp" cn.dongli.carbonmap.metrics.MetricsBenchmark "$@"
