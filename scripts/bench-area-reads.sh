#!/usr/bin/env bash
# Reads by area on the embedded store and on PostGIS as the box grows (default scales 1 and 10): prints, per box, the
# features in it, the time of a count, a first page, a last page and a stream of them all, and the time per feature.
# Usage: bash scripts/bench-area-reads.sh [scale ...]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/bench.sh
run_benchmark cn.dongli.carbonmap.layer.AreaReadBenchmark "$@"
