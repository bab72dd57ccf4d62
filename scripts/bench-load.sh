#!/usr/bin/env bash
# Load on the map's reads, on both profiles: CarbonMap (the built jar) with the scale-1 synthetic district, then
# Debian's wrk with N connections for S seconds on
#   pages  - the features API as the web map asks for it: tile-aligned boxes (zoom-13 tiles, the size of a screen at
#            building zoom) of rooftops (1 to 2,000 per box) and of land cover, picked at random;
#   cold   - the same boxes moved by a random millionth of a degree, so that no rendered page is ever reused;
#   metrics- the indicators of zones, streets, the district or all units, picked at random.
# wrk's timeout is 30 s so that slow answers are counted in the latencies instead of dropped as timeouts.
# Usage: bash scripts/bench-load.sh [seconds=60] [connections=200] [profiles="h2 postgis"]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
conns=${2:-200}
profiles=${3:-"h2 postgis"}
port=18190
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
. scripts/lib/postgis.sh
start_postgis >/dev/null
[ -f backend/target/carbonmap.jar ] || mvn -q -B -ntp -DskipTests package
jar=backend/target/carbonmap.jar
work=$(mktemp -d)
app=
cleanup() { [ -n "$app" ] && kill "$app" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

java -Dloader.main=cn.dongli.carbonmap.sample.SampleDataWriter -cp "$jar" \
    org.springframework.boot.loader.launch.PropertiesLauncher "$work/district" --scale=1 | tail -1

# every zoom-13 Web Mercator tile over the district's box, as minLon,minLat,maxLon,maxLat
tiles() {
  awk -v z=13 -v w=117.24 -v s=39.00 -v e=117.55 -v n=39.24 'BEGIN {
    pi = 3.141592653589793
    for (x = int((w + 180) / 360 * 2^z); x <= int((e + 180) / 360 * 2^z); x++) {
      for (y = int((1 - log(sin(n*pi/180)/cos(n*pi/180) + 1/cos(n*pi/180)) / pi) / 2 * 2^z);
           y <= int((1 - log(sin(s*pi/180)/cos(s*pi/180) + 1/cos(s*pi/180)) / pi) / 2 * 2^z); y++) {
        m1 = pi * (1 - 2 * (y + 1) / 2^z); m0 = pi * (1 - 2 * y / 2^z)
        printf "%.6f,%.6f,%.6f,%.6f\n", x / 2^z * 360 - 180, atan2((exp(m1) - exp(-m1)) / 2, 1) * 180 / pi,
               (x + 1) / 2^z * 360 - 180, atan2((exp(m0) - exp(-m0)) / 2, 1) * 180 / pi
      }
    }
  }'
}

cat >"$work/paths.lua" <<'EOF'
-- each request takes a random path of the file named by PATHS; with JITTER=1 the box is moved by a random
-- millionth of a degree (a page never asked for before); browsers' Accept-Encoding is sent
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
local jitter = os.getenv("JITTER") == "1"
local counter = 0
setup = function(thread) thread:set("seed", math.random(1, 1e9)) end
init = function() math.randomseed(seed) end
request = function()
  local path = paths[math.random(#paths)]
  if jitter then
    counter = counter + 1
    local d = math.random(1, 900) / 1e6
    path = path:gsub("bbox=([%d.]+),", function(w) return string.format("bbox=%.6f,", tonumber(w) - d) end)
  end
  return wrk.format("GET", path, { ["Accept-Encoding"] = "gzip, deflate" })
end
EOF

run() { # name paths-file jitter
  local out
  out=$(PATHS="$2" JITTER="$3" wrk -t2 -c"$conns" -d"${secs}s" --timeout 30s --latency -s "$work/paths.lua" \
      "http://127.0.0.1:$port")
  awk -v p="$profile" -v n="$1" '
    /^ +50%/ {p50=$2} /^ +90%/ {p90=$2} /^ +99%/ {p99=$2} /Latency +[0-9]/ {max=$4}
    /requests in/ {reqs=$1} /Requests\/sec/ {rps=$2}
    /Non-2xx/ {bad=$NF} /Socket errors/ {sock=$0}
    END {printf "%-8s %-8s %8s req %8s req/s  p50 %8s  p90 %8s  p99 %8s  max %8s  non-2xx %s  %s\n",
         p, n, reqs, rps, p50, p90, p99, max, (bad == "" ? 0 : bad), (sock == "" ? "socket errors 0" : sock)}' \
      <<<"$out"
}

drain() { # wrk leaves its last requests queued in the server: wait until a request is answered at once again
  for _ in $(seq 120); do
    t=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/actuator/health/liveness")
    awk -v t="$t" 'BEGIN {exit !(t < 0.05)}' && return
    sleep 1
  done
}

for profile in $profiles; do
  args=(--server.port=$port --carbonmap.data-dir="$work/data-$profile" --carbonmap.load-sample=false)
  if [ "$profile" = postgis ]; then
    as_postgres "psql -q -c 'DROP DATABASE IF EXISTS carbonmap_bench_load WITH (FORCE)' -c 'CREATE DATABASE carbonmap_bench_load OWNER carbonmap_test'"
    export PGHOST=127.0.0.1 PGPORT=5432 PGDATABASE=carbonmap_bench_load PGUSER=carbonmap_test PGPASSWORD=carbonmap_test
    args+=(--spring.profiles.active=postgis)
  fi
  CARBONMAP_ADMIN_PASSWORD=bench-load-1 java -Xmx4g -jar "$jar" "${args[@]}" >"$work/app-$profile.log" 2>&1 &
  app=$!
  for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null && break; sleep 1; done
  for layer in zones streets land_cover forest_plots parks farmland pv_rooftops; do
    curl -sf -o /dev/null -u admin:bench-load-1 -H 'Content-Type: application/geo+json' \
        --data-binary @"$work/district/$layer.geojson" "http://127.0.0.1:$port/api/layers/$layer/import?mode=replace"
  done
  : >"$work/pages.txt"
  for box in $(tiles); do
    roofs="/api/layers/pv_rooftops/features?bbox=$box&limit=5000&precision=6"
    n=$(curl -s "http://127.0.0.1:$port$roofs" | grep -o '"numberReturned":[0-9]*' | cut -d: -f2)
    if [ "${n:-0}" -ge 1 ] && [ "$n" -le 2000 ]; then
      echo "$roofs" >>"$work/pages.txt"
      echo "/api/layers/land_cover/features?bbox=$box&limit=5000&simplify=2&precision=6" >>"$work/pages.txt"
    fi
  done
  printf '%s\n' /api/metrics?unit=zones /api/metrics?unit=streets /api/metrics?unit=district /api/metrics?unit=all \
      >"$work/metrics.txt"
  curl -s -o /dev/null "http://127.0.0.1:$port/api/metrics?unit=all"
  echo "$profile: $(($(wc -l <"$work/pages.txt") / 2)) boxes of 1-2000 rooftops (and their land cover)," \
       "$conns connections, ${secs} s each"
  # warm-up: the JIT and the first rendering of each page
  PATHS="$work/pages.txt" JITTER=0 wrk -t2 -c50 -d10s --timeout 30s -s "$work/paths.lua" \
      "http://127.0.0.1:$port" >/dev/null
  run metrics "$work/metrics.txt" 0
  drain
  run pages "$work/pages.txt" 0
  drain
  run cold "$work/pages.txt" 1
  drain
  echo "$profile: ERROR lines in the log: $(grep -c ERROR "$work/app-$profile.log" || true)"
  kill "$app"; wait "$app" 2>/dev/null || true; app=
done
