package cn.dongli.carbonmap.ogc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.dongli.carbonmap.layer.AttributeFilter;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.support.Gdal;
import cn.dongli.carbonmap.support.HttpApi;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OGC API – Features on the Dongli sample data (419 forest plots, 3,605 rooftops), read by a client nobody here
 * wrote: GDAL's OAPIF driver ({@code ogrinfo}, {@code ogr2ogr}) pages through every collection, sends attribute
 * filters and bounding boxes to the server, and reprojects the answer itself (GDAL 3.6 reads CRS84 only: Part 2 came
 * to its driver in 3.7). The same contract on both storage profiles.
 */
abstract class OgcApiContract {

    static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    static final String EPSG_4490 = "http://www.opengis.net/def/crs/EPSG/0/4490";
    static final String EPSG_4548 = "http://www.opengis.net/def/crs/EPSG/0/4548";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    FeatureStore store;

    @Autowired
    LayerCatalog catalog;

    @TempDir
    Path dir;

    HttpApi http;
    String ogc;

    @BeforeEach
    void client() {
        http = new HttpApi(port);
        ogc = "http://127.0.0.1:" + port + "/ogc";
    }

    // --- GDAL -------------------------------------------------------------------------------------------------------

    @Test
    void gdalListsTheSevenLayersAsCollections() {
        String out = Gdal.ogrinfo("-ro", "OAPIF:" + ogc);
        for (Layer layer : catalog.all()) {
            assertThat(out).contains(": " + layer.name() + " (title: " + layer.titleZh());
        }
        assertThat(out.lines().filter(l -> l.matches("^\\d+: .*"))).hasSize(7);
    }

    @Test
    void gdalReadsEveryFeatureOfEveryCollectionPageByPage() {
        for (Layer layer : catalog.all()) {
            long stored = store.count(layer);
            // small pages on the plots (17 pages of 25), larger ones elsewhere to keep the test quick
            int page = layer.name().equals("forest_plots") ? 25 : 500;
            Path out = dir.resolve(layer.name() + ".geojson");
            Gdal.ogr2ogr("-f", "GeoJSON", out, "OAPIF:" + ogc, layer.name(), "-oo", "PAGE_SIZE=" + page,
                    "-preserve_fid");
            JsonNode features = read(out).get("features");
            assertThat(features.size()).as(layer.name()).isEqualTo(stored).isGreaterThan(0);
            Set<Long> ids = new TreeSet<>();
            features.valueStream().forEach(f -> ids.add(f.get("id").longValue()));
            Set<Long> storedIds = new TreeSet<>();
            store.forEach(layer, f -> storedIds.add(f.id()));
            assertThat(ids).as(layer.name() + " ids").isEqualTo(storedIds);
        }
        assertThat(store.count(catalog.get("forest_plots"))).isGreaterThan(400);
    }

    @Test
    void gdalGetsTheSameAttributesAndCoordinatesAsStored() {
        Layer plots = catalog.get("forest_plots");
        Path out = dir.resolve("plots.geojson");
        Gdal.ogr2ogr("-f", "GeoJSON", out, "OAPIF:" + ogc, "forest_plots", "-oo", "PAGE_SIZE=100");
        Map<String, JsonNode> byCode = new HashMap<>();
        read(out).get("features").valueStream().forEach(f -> byCode.put(f.get("properties").get("plot_code")
                .asString(), f));
        store.forEach(plots, f -> {
            JsonNode g = byCode.get((String) f.attributes().get("plot_code"));
            assertThat(g).as("plot " + f.attributes().get("plot_code")).isNotNull();
            assertThat(g.get("properties").get("species").asString()).isEqualTo(f.attributes().get("species"));
            assertThat(g.get("properties").get("canopy_closure").doubleValue())
                    .isEqualTo((Double) f.attributes().get("canopy_closure"));
            JsonNode first = g.get("geometry").get("coordinates").get(0).get(0).get(0);
            assertThat(first.get(0).doubleValue()).isCloseTo(f.geometry().getCoordinates()[0].x, within(1e-9));
            assertThat(first.get(1).doubleValue()).isCloseTo(f.geometry().getCoordinates()[0].y, within(1e-9));
        });
    }

    @Test
    void gdalSendsAnAttributeFilterToTheServerBecauseTheApiDocumentDeclaresIt() {
        Layer parks = catalog.get("parks");
        long built = store.countMatching(parks, null, List.of(AttributeFilter.in("status", List.of("built"))));
        String out = Gdal.ogrinfo("-ro", "-so", "OAPIF:" + ogc, "parks", "-where", "status = 'built'",
                "--config", "CPL_DEBUG", "ON");
        assertThat(out).contains("/ogc/collections/parks/items?limit=10&status=built");
        assertThat(out).contains("Feature Count: " + built);
        assertThat(built).isGreaterThan(0).isLessThan(store.count(parks));
    }

    @Test
    void gdalFiltersByABoxInGaussKrugerAndReprojectsLikeTheServersOwnEpsg4548() {
        // a 10 km square of the district in CGCS2000 / 3-degree GK CM 117E (easting, northing for GDAL)
        Path out = dir.resolve("box.geojson");
        Gdal.ogr2ogr("-f", "GeoJSON", out, "OAPIF:" + ogc, "forest_plots", "-oo", "PAGE_SIZE=50", "-preserve_fid",
                "-spat", 530000, 4330000, 540000, 4340000, "-spat_srs", "EPSG:4548", "-t_srs", "EPSG:4548",
                "-lco", "COORDINATE_PRECISION=4");
        Map<Long, JsonNode> gdal = new HashMap<>();
        read(out).get("features").valueStream().forEach(f -> gdal.put(f.get("id").longValue(), f));
        assertThat(gdal).isNotEmpty();

        // the same box asked of the server in its own axis order: northing first
        List<JsonNode> server = allPages("/ogc/collections/forest_plots/items?bbox=4330000,530000,4340000,540000"
                + "&bbox-crs=" + EPSG_4548 + "&crs=" + EPSG_4548 + "&limit=40");
        assertThat(server.stream().map(f -> f.get("id").longValue()).toList())
                .containsExactlyInAnyOrderElementsOf(gdal.keySet());
        for (JsonNode f : server) {
            JsonNode ours = f.get("geometry").get("coordinates").get(0).get(0).get(0);
            JsonNode theirs = gdal.get(f.get("id").longValue()).get("geometry").get("coordinates").get(0).get(0)
                    .get(0);
            // Apache SIS here, PROJ in GDAL: the same point to the millimetre, axes exchanged
            assertThat(ours.get(0).doubleValue()).isCloseTo(theirs.get(1).doubleValue(), within(1e-3));
            assertThat(ours.get(1).doubleValue()).isCloseTo(theirs.get(0).doubleValue(), within(1e-3));
        }
    }

    // --- the API itself ---------------------------------------------------------------------------------------------

    @Test
    void theApiDocumentIsValidOpenApi30AndDescribesEveryCollectionsFilters() {
        HttpApi.Response api = http.get("/ogc/api");
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.header("Content-Type")).startsWith("application/vnd.oai.openapi+json;version=3.0");
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(api.body(), null, null);
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.0.3");
        assertThat(parsed.getOpenAPI().getServers().get(0).getUrl()).isEqualTo(ogc);
        for (Layer layer : catalog.all()) {
            var items = parsed.getOpenAPI().getPaths().get("/collections/" + layer.name() + "/items");
            assertThat(items).as(layer.name()).isNotNull();
            assertThat(items.getGet().getParameters().stream().map(p -> p.getName()).toList())
                    .containsAll(layer.attributes().stream().map(a -> a.name()).toList());
            assertThat(parsed.getOpenAPI().getPaths()).containsKey("/collections/" + layer.name() + "/items/{featureId}");
        }
    }

    @Test
    void theLandingPageLinksTheApiTheConformanceAndTheCollections() {
        JsonNode landing = http.get("/ogc").json();
        Map<String, String> links = new HashMap<>();
        landing.get("links").valueStream().forEach(l -> links.put(l.get("rel").asString(), l.get("href").asString()));
        assertThat(links).containsEntry("service-desc", ogc + "/api").containsEntry("conformance", ogc + "/conformance")
                .containsEntry("data", ogc + "/collections").containsEntry("self", ogc);
        assertThat(http.get("/ogc/conformance").json().get("conformsTo").valueStream().map(JsonNode::asString))
                .contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
                        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
                        "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs");
    }

    @Test
    void eachCollectionGivesItsExtentInCrs84AndTheThreeCrss() {
        JsonNode collections = http.get("/ogc/collections").json().get("collections");
        assertThat(collections.valueStream().map(c -> c.get("id").asString()))
                .containsExactly("zones", "streets", "land_cover", "forest_plots", "parks", "farmland", "pv_rooftops");
        JsonNode plots = http.get("/ogc/collections/forest_plots").json();
        var extent = store.extent(catalog.get("forest_plots")).orElseThrow();
        JsonNode bbox = plots.get("extent").get("spatial").get("bbox").get(0);
        assertThat(bbox.get(0).doubleValue()).isEqualTo(extent.getMinX());
        assertThat(bbox.get(3).doubleValue()).isEqualTo(extent.getMaxY());
        assertThat(plots.get("extent").get("spatial").get("crs").asString()).isEqualTo(CRS84);
        assertThat(plots.get("crs").valueStream().map(JsonNode::asString)).containsExactly(CRS84, EPSG_4490, EPSG_4548);
        assertThat(plots.get("storageCrs").asString()).isEqualTo(EPSG_4490);
    }

    @Test
    void nextLinksVisitEveryPlotOnceAndPrevGoesBack() {
        List<JsonNode> all = allPages("/ogc/collections/forest_plots/items?limit=100");
        Set<Long> ids = new LinkedHashSet<>();
        all.forEach(f -> ids.add(f.get("id").longValue()));
        assertThat(ids).hasSize(all.size()).hasSize((int) store.count(catalog.get("forest_plots")));

        JsonNode second = http.get("/ogc/collections/forest_plots/items?limit=100&offset=100").json();
        assertThat(second.get("numberMatched").longValue()).isEqualTo(all.size());
        assertThat(second.get("numberReturned").intValue()).isEqualTo(100);
        assertThat(link(second, "prev")).isEqualTo(ogc + "/collections/forest_plots/items?limit=100&offset=0");
        // the next page starts after the page's last plot (keyset), the same plots as offset=200 would give
        long lastOfSecond = second.get("features").get(99).get("id").longValue();
        assertThat(link(second, "next")).isEqualTo(ogc + "/collections/forest_plots/items?limit=100&after="
                + lastOfSecond);
        JsonNode third = http.get("/ogc/collections/forest_plots/items?limit=100&after=" + lastOfSecond).json();
        assertThat(third.get("features").get(0).get("id").longValue())
                .isEqualTo(all.get(200).get("id").longValue());
        JsonNode last = http.get("/ogc/collections/forest_plots/items?limit=100&offset=400").json();
        assertThat(link(last, "next")).isNull();
        // a page that ends exactly at the last plot names no next page
        long beforeLast100 = all.get(all.size() - 101).get("id").longValue();
        assertThat(link(http.get("/ogc/collections/forest_plots/items?limit=100&after=" + beforeLast100).json(),
                "next")).isNull();
    }

    @Test
    void propertyFiltersSelectWhatTheStoreSelects() {
        Layer parks = catalog.get("parks");
        int year = (Integer) store.find(parks, (org.locationtech.jts.geom.Envelope) null, 1, 0).get(0)
                .attributes().get("year");
        long expected = store.countMatching(parks, null, List.of(AttributeFilter.in("status", List.of("built")),
                AttributeFilter.in("year", List.of(year))));
        JsonNode fc = http.get("/ogc/collections/parks/items?status=built&year=" + year + "&limit=1000").json();
        assertThat(fc.get("numberMatched").longValue()).isEqualTo(expected);
        assertThat(fc.get("features").valueStream()).allSatisfy(f -> {
            assertThat(f.get("properties").get("status").asString()).isEqualTo("built");
            assertThat(f.get("properties").get("year").intValue()).isEqualTo(year);
        });
        // the district's own words work as values too
        assertThat(http.get("/ogc/collections/parks/items?status=%E5%B7%B2%E5%BB%BA%E6%88%90&year=" + year)
                .json().get("numberMatched").longValue()).isEqualTo(expected);
        assertThat(link(fc, "self")).contains("status=built").contains("year=" + year);
    }

    @Test
    void unknownParametersAndBadValuesAre400ProblemsThatSayWhy() {
        assertProblem(http.get("/ogc/collections/parks/items?colour=green"), 400, "unknown-parameter", "colour");
        assertProblem(http.get("/ogc/collections/parks/items?status=finished"), 400, "invalid-parameter",
                "planned, under_construction, built");
        assertProblem(http.get("/ogc/collections/parks/items?year=twenty"), 400, "invalid-parameter", "year");
        assertProblem(http.get("/ogc/collections/parks/items?limit=0"), 400, "invalid-parameter", "limit");
        assertProblem(http.get("/ogc/collections/parks/items?bbox=1,2,3"), 400, "invalid-bbox", "4 numbers");
        assertProblem(http.get("/ogc/collections/parks/items?crs=EPSG:3857"), 400, "unsupported-crs", EPSG_4548);
        assertProblem(http.get("/ogc/collections/parks/items?f=html"), 400, "invalid-parameter", "json");
        assertProblem(http.get("/ogc/collections/rivers/items"), 404, "unknown-layer", "rivers");
        assertProblem(http.get("/ogc/collections/parks/items/999999"), 404, "feature-not-found", "999999");
        assertProblem(http.get("/ogc/collections/parks/items/abc"), 404, "feature-not-found", "abc");
        assertProblem(http.getAccepting("/ogc/collections", "text/html"), 406, "not-acceptable", "json");
    }

    @Test
    void epsg4490IsWrittenLatitudeFirstAndEpsg4548NorthingFirst() {
        Feature plot = store.find(catalog.get("forest_plots"), (org.locationtech.jts.geom.Envelope) null, 1, 0).get(0);
        double lon = plot.geometry().getCoordinates()[0].x;
        double lat = plot.geometry().getCoordinates()[0].y;
        String item = "/ogc/collections/forest_plots/items/" + plot.id();

        HttpApi.Response crs84 = http.get(item);
        assertThat(crs84.header("Content-Crs")).isEqualTo("<" + CRS84 + ">");
        assertThat(firstPoint(crs84.json())).containsExactly(lon, lat);

        HttpApi.Response cgcs = http.get(item + "?crs=" + EPSG_4490);
        assertThat(cgcs.header("Content-Crs")).isEqualTo("<" + EPSG_4490 + ">");
        assertThat(firstPoint(cgcs.json())).containsExactly(lat, lon);

        HttpApi.Response gk = http.get(item + "?crs=%5BEPSG:4548%5D");
        assertThat(gk.header("Content-Crs")).isEqualTo("<" + EPSG_4548 + ">");
        double[] northEast = firstPoint(gk.json());
        assertThat(northEast[0]).isBetween(4_300_000.0, 4_400_000.0);
        assertThat(northEast[1]).isBetween(500_000.0, 560_000.0);
    }

    @Test
    void aBboxInEpsg4490IsLatitudeFirstAndSelectsWhatTheSameCrs84BboxSelects() {
        String crs84 = "/ogc/collections/forest_plots/items?limit=1000&bbox=117.35,39.05,117.45,39.15";
        String cgcs = "/ogc/collections/forest_plots/items?limit=1000&bbox=39.05,117.35,39.15,117.45&bbox-crs="
                + EPSG_4490;
        JsonNode a = http.get(crs84).json();
        JsonNode b = http.get(cgcs).json();
        assertThat(a.get("numberMatched").longValue()).isGreaterThan(0)
                .isEqualTo(b.get("numberMatched").longValue());
        assertThat(link(b, "self")).contains("bbox-crs=");
        // the longitude-first reading of the same numbers lies outside the service area and finds nothing
        assertProblem(http.get("/ogc/collections/forest_plots/items?bbox=117.35,39.05,117.45,39.15&bbox-crs="
                + EPSG_4490), 400, "invalid-bbox", "latitude");
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private List<JsonNode> allPages(String first) {
        List<JsonNode> features = new ArrayList<>();
        String next = first;
        int pages = 0;
        while (next != null) {
            JsonNode page = http.get(next.replace("http://127.0.0.1:" + port, "")).json();
            page.get("features").valueStream().forEach(features::add);
            next = link(page, "next");
            assertThat(++pages).as("pages").isLessThan(1000);
        }
        return features;
    }

    private static String link(JsonNode doc, String rel) {
        return doc.get("links").valueStream().filter(l -> l.get("rel").asString().equals(rel))
                .map(l -> l.get("href").asString()).findFirst().orElse(null);
    }

    private static double[] firstPoint(JsonNode feature) {
        JsonNode p = feature.get("geometry").get("coordinates").get(0).get(0).get(0);
        return new double[] {p.get(0).doubleValue(), p.get(1).doubleValue()};
    }

    private static void assertProblem(HttpApi.Response r, int status, String code, String detailPart) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("code").asString()).isEqualTo(code);
        assertThat(r.json().get("detail").asString()).contains(detailPart);
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
