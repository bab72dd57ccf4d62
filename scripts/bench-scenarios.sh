#!/usr/bin/env bash
# Planning scenarios at scale (default scales 1 and 10), through CarbonMap's HTTP API on PostGIS: prints the time of
# creating a scenario, ticking one project and saving one draft edit, each with the figures that follow, and the
# heap ten open scenarios hold against the live model's.
# Usage: bash scripts/bench-scenarios.sh [scale ...]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/bench.sh
run_benchmark cn.dongli.carbonmap.scenario.ScenarioBenchmark "$@"
