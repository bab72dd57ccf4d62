#!/usr/bin/env bash
# CarbonMap's memory with a fixed heap at a scale of the synthetic district: writes the district's layers at that
# scale, starts the built jar on a fresh embedded database with -Xmx, imports every layer through the API, computes
# every unit's indicators, and prints each request's status and time and the process's peak resident memory.
# Usage: bash scripts/bench-memory.sh [heap, default 2g] [scale, default 10]   (after mvn -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
heap="${1:-2g}"
scale="${2:-10}"
jar=backend/target/carbonmap.jar
work="$(mktemp -d /tmp/bench-memory-XXXXXX)"
port=18097
password=bench-memory-1
java -Dloader.main=cn.dongli.carbonmap.sample.SampleDataWriter -cp "$jar" \
    org.springframework.boot.loader.launch.PropertiesLauncher "$work/data" --scale="$scale" | tail -1
CARBONMAP_ADMIN_PASSWORD=$password java -Xmx"$heap" -jar "$jar" --server.port=$port --carbonmap.data-dir="$work/db" \
    --carbonmap.load-sample=false >"$work/app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/api/layers" >/dev/null && break
    sleep 1
done
(while kill -0 $pid 2>/dev/null; do ps -o rss= -p $pid >>"$work/rss" || true; sleep 0.5; done) &
timed() {
    local what="$1"
    shift
    local start end code
    start=$(date +%s.%N)
    code=$(curl -s -o "$work/last.out" -w '%{http_code}' "$@")
    end=$(date +%s.%N)
    printf '%s: HTTP %s in %.1f s\n' "$what" "$code" "$(echo "$end - $start" | bc)"
}
echo "heap $heap, scale $scale, $(nproc) cores"
for layer in zones streets land_cover forest_plots parks farmland pv_rooftops; do
    timed "import $layer" -u "admin:$password" -H 'Content-Type: application/geo+json' \
        --data-binary @"$work/data/$layer.geojson" "http://127.0.0.1:$port/api/layers/$layer/import?mode=replace"
done
timed "indicators of every unit" "http://127.0.0.1:$port/api/metrics?unit=all"
echo "out-of-memory errors in the log: $(grep -c OutOfMemoryError "$work/app.log" || true)"
kill $pid
wait $pid 2>/dev/null || true
echo "peak resident memory: $(sort -n "$work/rss" | tail -1 | awk '{print int($1 / 1024)}') MB"
rm -rf "$work"
