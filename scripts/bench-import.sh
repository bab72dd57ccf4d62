#!/usr/bin/env bash
# Imports of the synthetic district's rooftops (default scale 10, about 350,000) on the embedded store and on PostGIS:
# into the empty layer, then a replace, each with the rows of feature_history and the database's size after; on PostGIS
# also PostgreSQL's own COPY of the same rows and the ratio import/COPY; then the HTTP import of the GeoJSON once
# (skip it with BENCH_HTTP=false; BENCH_PROFILES=postgis runs one profile only).
# Usage: bash scripts/bench-import.sh [scale ...]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/bench.sh
run_benchmark cn.dongli.carbonmap.layer.ImportBenchmark "$@"
