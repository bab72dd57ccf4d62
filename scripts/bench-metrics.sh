#!/usr/bin/env bash
# The indicator engine against PostGIS on the same synthetic district (default scales 1 and 10):
# prints both times, their ratio, the time to updated figures after one edit, and the engine's heap.
# Usage: bash scripts/bench-metrics.sh [scale ...]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/bench.sh
run_benchmark cn.dongli.carbonmap.metrics.MetricsBenchmark "$@"
