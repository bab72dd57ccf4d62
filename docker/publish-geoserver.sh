#!/usr/bin/env bash
# Publishes CarbonMap's PostGIS tables in GeoServer through its REST API, with the styles of styles/:
# the workspace, one PostGIS datastore, the seven layers and the two indicator views (street_metrics, zone_metrics,
# from the unit_metrics table CarbonMap writes), each with its SLD as default style.
#
# Safe to re-run: what exists is updated (PUT), what is missing is created (POST). After a change to styles/, run it
# again to upload the new SLDs.
#
# Environment (defaults fit docker/compose.yaml):
#   GEOSERVER_URL              http://localhost:8081/geoserver
#   GEOSERVER_ADMIN_USER       admin
#   GEOSERVER_ADMIN_PASSWORD   (required)
#   GEOSERVER_WORKSPACE        carbonmap
#   GEOSERVER_DATASTORE        carbonmap_postgis
#   GEOSERVER_PGHOST           postgis    the database host as GeoServer reaches it
#   GEOSERVER_PGPORT           5432
#   PGDATABASE                 carbonmap
#   PGUSER                     carbonmap
#   POSTGRES_PASSWORD          (required) the password of PGUSER
#   STYLES_DIR                 the styles/ folder next to this script
set -euo pipefail

GEOSERVER_URL=${GEOSERVER_URL:-http://localhost:8081/geoserver}
GS_USER=${GEOSERVER_ADMIN_USER:-admin}
GS_PASSWORD=${GEOSERVER_ADMIN_PASSWORD:?set GEOSERVER_ADMIN_PASSWORD}
WS=${GEOSERVER_WORKSPACE:-carbonmap}
DS=${GEOSERVER_DATASTORE:-carbonmap_postgis}
DB_HOST=${GEOSERVER_PGHOST:-postgis}
DB_PORT=${GEOSERVER_PGPORT:-5432}
DB_NAME=${PGDATABASE:-carbonmap}
DB_USER=${PGUSER:-carbonmap}
DB_PASSWORD=${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}
STYLES_DIR=${STYLES_DIR:-$(cd "$(dirname "$0")/../styles" && pwd)}

REST="${GEOSERVER_URL%/}/rest"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# layer (table or view) | title | default style | other styles
LAYERS=(
  "zones|生态屏障管控区 · Ecological barrier zones|zones|"
  "streets|街道 · Streets|streets|"
  "land_cover|土地覆盖 · Land cover|land_cover|"
  "forest_plots|林地小班 · Forest plots|forest_plots|"
  "parks|公园绿地 · Parks|parks|"
  "farmland|高标准农田 · High-standard farmland|farmland|"
  "pv_rooftops|屋顶光伏 · Rooftop PV|pv_rooftops|"
  "street_metrics|街道指标 · Indicators per street|indicator_blue_green_share|indicator_forest_cover indicator_pv_area_share"
  "zone_metrics|管控区指标 · Indicators per zone|indicator_blue_green_share|indicator_forest_cover indicator_pv_area_share"
)

json_string() { # a JSON string literal of $1
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}

# rest METHOD PATH CONTENT-TYPE BODY-FILE: fails on any status from 300 up, printing GeoServer's answer
rest() {
  local method=$1 path=$2 type=$3 body=$4 code
  code=$(curl -sS -o "$WORK/answer" -w '%{http_code}' -u "$GS_USER:$GS_PASSWORD" -X "$method" \
              -H "Content-Type: $type" --data-binary "@$body" "$REST$path")
  if [ "$code" -ge 300 ]; then
    echo "GeoServer answered $code to $method $path:" >&2
    cat "$WORK/answer" >&2
    echo >&2
    exit 1
  fi
  echo "  $method $path → $code"
}

# exists PATH: 0 if GeoServer has the resource, 1 if not (404); fails otherwise
exists() {
  local code
  code=$(curl -sS -o /dev/null -w '%{http_code}' -u "$GS_USER:$GS_PASSWORD" -H 'Accept: application/json' "$REST$1")
  case "$code" in
    200) return 0 ;;
    404) return 1 ;;
    *) echo "GeoServer answered $code to GET $1" >&2; exit 1 ;;
  esac
}

echo "waiting for GeoServer at $GEOSERVER_URL"
for i in $(seq 1 60); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -u "$GS_USER:$GS_PASSWORD" "$REST/about/version.json" || true)
  [ "$code" = 200 ] && break
  if [ "$code" = 401 ]; then echo "GeoServer refuses $GS_USER's password" >&2; exit 1; fi
  [ "$i" = 60 ] && { echo "GeoServer did not answer at $REST (last status $code)" >&2; exit 1; }
  sleep 5
done

echo "workspace $WS"
printf '{"workspace":{"name":%s}}' "$(json_string "$WS")" > "$WORK/workspace.json"
if exists "/workspaces/$WS"; then
  rest PUT "/workspaces/$WS" application/json "$WORK/workspace.json"
else
  rest POST "/workspaces" application/json "$WORK/workspace.json"
fi

echo "datastore $DS → postgresql://$DB_HOST:$DB_PORT/$DB_NAME"
entry() { printf '{"@key":%s,"$":%s}' "$(json_string "$1")" "$(json_string "$2")"; }
{
  printf '{"dataStore":{"name":%s,"type":"PostGIS","enabled":true,' "$(json_string "$DS")"
  printf '"description":"CarbonMap PostGIS (tables written by CarbonMap; edit through CarbonMap)",'
  printf '"connectionParameters":{"entry":['
  printf '%s,' "$(entry dbtype postgis)" "$(entry host "$DB_HOST")" "$(entry port "$DB_PORT")" \
               "$(entry database "$DB_NAME")" "$(entry schema public)" "$(entry user "$DB_USER")" \
               "$(entry passwd "$DB_PASSWORD")" "$(entry 'Expose primary keys' true)" \
               "$(entry 'Estimated extends' true)" "$(entry 'Loose bbox' true)"
  printf '%s' "$(entry 'validate connections' true)"
  printf ']}}}'
} > "$WORK/datastore.json"
if exists "/workspaces/$WS/datastores/$DS"; then
  rest PUT "/workspaces/$WS/datastores/$DS" application/json "$WORK/datastore.json"
else
  rest POST "/workspaces/$WS/datastores" application/json "$WORK/datastore.json"
fi

echo "styles from $STYLES_DIR"
for sld in "$STYLES_DIR"/*.sld; do
  style=$(basename "$sld" .sld)
  if exists "/workspaces/$WS/styles/$style"; then
    rest PUT "/workspaces/$WS/styles/$style" application/vnd.ogc.sld+xml "$sld"
  else
    rest POST "/workspaces/$WS/styles?name=$style" application/vnd.ogc.sld+xml "$sld"
  fi
done

echo "layers"
for row in "${LAYERS[@]}"; do
  IFS='|' read -r layer title default others <<<"$row"
  printf '{"featureType":{"name":%s,"nativeName":%s,"title":%s,"srs":"EPSG:4490","projectionPolicy":"FORCE_DECLARED","enabled":true}}' \
    "$(json_string "$layer")" "$(json_string "$layer")" "$(json_string "$title")" > "$WORK/featuretype.json"
  if exists "/workspaces/$WS/datastores/$DS/featuretypes/$layer"; then
    rest PUT "/workspaces/$WS/datastores/$DS/featuretypes/$layer?recalculate=nativebbox,latlonbbox" \
      application/json "$WORK/featuretype.json"
  else
    rest POST "/workspaces/$WS/datastores/$DS/featuretypes" application/json "$WORK/featuretype.json"
  fi
  styles=""
  for s in $others; do
    styles="$styles${styles:+,}{\"name\":$(json_string "$s"),\"workspace\":$(json_string "$WS")}"
  done
  printf '{"layer":{"defaultStyle":{"name":%s,"workspace":%s},"styles":{"style":[%s]}}}' \
    "$(json_string "$default")" "$(json_string "$WS")" "$styles" > "$WORK/layer.json"
  rest PUT "/layers/$WS:$layer" application/json "$WORK/layer.json"
done

echo "published: $GEOSERVER_URL/$WS/wms (WMS), $GEOSERVER_URL/$WS/ows (WFS)"
