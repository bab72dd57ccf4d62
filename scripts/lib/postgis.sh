# Sourced by the test and benchmark commands: installs what is missing and starts PostgreSQL 15 + PostGIS 3 on
# 127.0.0.1:5432 with the role the tests and benchmarks use (carbonmap_test, loopback only).

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }

# install_missing PACKAGE_CHECK... : "command:package" or "file:path:package"
install_missing() {
  local need=() item kind a b
  for item in "$@"; do
    IFS=: read -r kind a b <<<"$item"
    case "$kind" in
      command) command -v "$a" >/dev/null 2>&1 || need+=("$b") ;;
      file) [ -e "$a" ] || need+=("$b") ;;
    esac
  done
  if [ ${#need[@]} -gt 0 ]; then
    echo "installing: ${need[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
}

start_postgis() {
  install_missing "file:/usr/share/postgresql/15/extension/postgis.control:postgresql-15-postgis-3" \
                  "command:pg_ctlcluster:postgresql-15"
  pg_lsclusters -h 2>/dev/null | grep -q '^15 *main' || as_root pg_createcluster 15 main >/dev/null
  as_root pg_ctlcluster 15 main start 2>/dev/null || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  pg_isready -h 127.0.0.1 -p 5432
  as_postgres "psql -q -v ON_ERROR_STOP=1 -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'carbonmap_test') THEN CREATE ROLE carbonmap_test LOGIN SUPERUSER PASSWORD 'carbonmap_test'; END IF; END \\\$\\\$;\""
  local db
  for db in $(as_postgres "psql -tAc \"SELECT datname FROM pg_database WHERE datname LIKE 'carbonmap\\_test\\_%'\""); do
    as_postgres "psql -q -c 'DROP DATABASE IF EXISTS $db WITH (FORCE)'"
  done
  export CARBONMAP_TEST_PGHOST=127.0.0.1 CARBONMAP_TEST_PGPORT=5432
  export CARBONMAP_TEST_PGUSER=carbonmap_test CARBONMAP_TEST_PGPASSWORD=carbonmap_test
}
