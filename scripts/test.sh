#!/usr/bin/env bash
# Runs every CarbonMap test on a fresh machine of the project's kind (Debian 12, JDK 17, Maven, Node 20, root):
# installs what the tests need when it is missing (PostgreSQL 15 + PostGIS 3, GDAL, Chromium, a CJK font, MapServer to
# draw the SLD styles, docker-compose to check docker/compose.yaml), starts PostGIS on
# 127.0.0.1 and runs `mvn verify`. Extra arguments go to Maven (e.g. -Dtest=…).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/postgis.sh

install_missing "command:ogr2ogr:gdal-bin" "command:chromium:chromium" \
                "file:/usr/share/fonts/truetype/wqy/wqy-microhei.ttc:fonts-wqy-microhei" \
                "file:/usr/lib/cgi-bin/mapserv:cgi-mapserver" "command:docker-compose:docker-compose"
start_postgis
exec mvn -B -ntp verify "$@"
