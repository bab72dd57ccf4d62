#!/usr/bin/env bash
# Runs every CarbonMap test on a fresh machine of the project's kind (Debian 12, JDK 17, Maven, Node 20, root):
# installs what the tests need when it is missing (PostgreSQL 15 + PostGIS 3, GDAL, Chromium), starts PostGIS on
# 127.0.0.1 and runs `mvn verify`. Extra arguments go to Maven (e.g. -Dtest=…).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }

need=()
[ -f /usr/share/postgresql/15/extension/postgis.control ] || need+=(postgresql-15 postgresql-15-postgis-3)
command -v ogr2ogr >/dev/null || need+=(gdal-bin)
command -v chromium >/dev/null || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# PostGIS on loopback, with a test role that may create databases and extensions.
pg_lsclusters -h 2>/dev/null | grep -q '^15 *main' || as_root pg_createcluster 15 main >/dev/null
as_root pg_ctlcluster 15 main start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
pg_isready -h 127.0.0.1 -p 5432
as_postgres "psql -q -v ON_ERROR_STOP=1 -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'carbonmap_test') THEN CREATE ROLE carbonmap_test LOGIN SUPERUSER PASSWORD 'carbonmap_test'; END IF; END \\\$\\\$;\""
# databases left behind by an interrupted run
for db in $(as_postgres "psql -tAc \"SELECT datname FROM pg_database WHERE datname LIKE 'carbonmap\\_test\\_%'\""); do
  as_postgres "psql -q -c 'DROP DATABASE IF EXISTS $db WITH (FORCE)'"
done

export CARBONMAP_TEST_PGHOST=127.0.0.1 CARBONMAP_TEST_PGPORT=5432
export CARBONMAP_TEST_PGUSER=carbonmap_test CARBONMAP_TEST_PGPASSWORD=carbonmap_test
exec mvn -B -ntp verify "$@"
