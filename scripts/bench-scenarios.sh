#!/usr/bin/env bash
# Planning scenarios at scale (default scales 1 and 10), through CarbonMap's HTTP API on PostGIS: prints the time of
# creating a scenario, ticking one project and saving one draft edit, each with the figures that follow, and the
# heap ten open scenarios hold against the live model's.
# Usage: bash scripts/bench-scenarios.sh [scale ...]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/postgis.sh
start_postgis
mvn -q -B -ntp -pl backend -Dweb.skip=true test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
cp="backend/target/test-classes:backend/target/classes:$(cat backend/target/bench.classpath)"
exec java -Xmx8g -cp "$cp" cn.dongli.carbonmap.scenario.ScenarioBenchmark "$@"
