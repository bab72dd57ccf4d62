#!/usr/bin/env bash
# Where to act at scale (default scales 1 and 10), through CarbonMap's HTTP API on PostGIS: prints the time of the
# candidate sites of every unit for both indicators and of the rooftop PV potential of every unit, cold and warm.
# Usage: bash scripts/bench-where.sh [scale ...]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/bench.sh
run_benchmark cn.dongli.carbonmap.candidates.WhereToActBenchmark "$@"
