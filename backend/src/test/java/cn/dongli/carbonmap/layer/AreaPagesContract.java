package cn.dongli.carbonmap.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.dongli.carbonmap.geom.Geometries;
import cn.dongli.carbonmap.support.HttpApi;
import tools.jackson.databind.JsonNode;

/**
 * The map's pages of features by area, on both storage profiles: each page starts after the last feature of the one
 * before (an edit between two pages neither repeats nor skips a plot), keeps its ETag while edits happen elsewhere in
 * the layer, and holds exactly the plots whose geometry meets the area (not those whose bounding box only does).
 */
abstract class AreaPagesContract {

    /** Twenty plots in a row in the west (W0…W19), five in the east (E0…E4), and a triangle T between them. */
    private static final String WEST = "117.40,39.10,117.43,39.11";
    private static final double SIDE = 0.001;

    @LocalServerPort
    int port;

    @Autowired
    FeatureStore store;

    @Autowired
    LayerCatalog catalog;

    private Layer plots;
    private HttpApi anonymous;

    @BeforeEach
    void aLayerOfPlotsInTwoPlaces() {
        plots = catalog.get(LayerCatalog.FOREST_PLOTS);
        anonymous = new HttpApi(port);
        List<FeatureDraft> drafts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            drafts.add(plot("W" + i, square(117.401 + i * 0.0012, 39.105)));
        }
        for (int i = 0; i < 5; i++) {
            drafts.add(plot("E" + i, square(117.601 + i * 0.0012, 39.105)));
        }
        // its bounding box reaches 117.50..117.51 × 39.10..39.11, the triangle itself only the south-west half
        drafts.add(plot("T", polygon(117.50, 39.10, 117.51, 39.10, 117.50, 39.11)));
        store.importFeatures(plots, drafts, true, "test");
    }

    @Test
    void pagesFollowOneAnotherByIdSoThatADeletionBetweenThemSkipsNoPlot() {
        JsonNode first = page("/api/layers/forest_plots/features?bbox=" + WEST + "&limit=4&after=0");
        assertThat(codes(first)).containsExactly("W0", "W1", "W2", "W3");
        assertThat(first.get("next").asString()).contains("after=" + first.get("features").get(3).get("id").asLong())
                .contains("bbox=").contains("limit=4");

        // W0 is deleted while the user is between the first and the second page
        Feature w0 = byCode("W0");
        store.delete(plots, w0.id(), w0.version(), "test");
        JsonNode second = page(first.get("next").asString());
        assertThat(codes(second)).containsExactly("W4", "W5", "W6", "W7");
        // an offset would have skipped W4 (what the map's paging did before)
        assertThat(codes(page("/api/layers/forest_plots/features?bbox=" + WEST + "&limit=4&offset=4")))
                .startsWith("W5");

        List<String> all = new ArrayList<>(codes(first));
        JsonNode p = second;
        all.addAll(codes(p));
        int pages = 2;
        while (p.hasNonNull("next")) {
            p = page(p.get("next").asString());
            all.addAll(codes(p));
            pages++;
        }
        // W16…W19 fill the fifth page, which names a sixth: empty, naming none
        assertThat(pages).isEqualTo(6);
        assertThat(codes(p)).isEmpty();
        assertThat(all).hasSize(20).doesNotHaveDuplicates().contains("W0", "W19");
    }

    @Test
    void aPageKeepsItsETagWhileThePlotsElsewhereAreEdited() {
        String path = "/api/layers/forest_plots/features?bbox=" + WEST + "&limit=100";
        HttpApi.Response before = anonymous.getBytes(path);
        String etag = before.header("ETag");
        assertThat(etag).isNotBlank();

        // an edit in the east: the west page is still valid
        edit("E2", 0.33, null);
        assertThat(revalidate(path, etag).status()).isEqualTo(304);

        // an edit in the west: a new page that shows it
        edit("W7", 0.44, null);
        HttpApi.Response changed = revalidate(path, etag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(closure(changed.json(), "W7")).isEqualTo(0.44);
        String etag2 = changed.header("ETag");
        assertThat(etag2).isNotEqualTo(etag);

        // a plot moved from the east into the west, and one moved out of the west, change it too
        edit("E4", 0.5, square(117.4245, 39.1010));
        HttpApi.Response movedIn = revalidate(path, etag2);
        assertThat(movedIn.status()).isEqualTo(200);
        assertThat(codes(movedIn.json())).contains("E4");
        String etag3 = movedIn.header("ETag");
        edit("W3", 0.5, square(117.650, 39.105));
        HttpApi.Response movedOut = revalidate(path, etag3);
        assertThat(movedOut.status()).isEqualTo(200);
        assertThat(codes(movedOut.json())).doesNotContain("W3");

        // an import touches every area
        String etag4 = movedOut.header("ETag");
        store.importFeatures(plots, List.of(plot("N0", square(117.70, 39.20))), false, "test");
        assertThat(revalidate(path, etag4).status()).isEqualTo(200);
        assertThat(revalidate(path, anonymous.getBytes(path).header("ETag")).status()).isEqualTo(304);
    }

    @Test
    void anEditInTheBoxChangesOnlyThePageThatHoldsThePlot() {
        String first = "/api/layers/forest_plots/features?bbox=" + WEST + "&limit=4&after=0";
        List<String> paths = new ArrayList<>();
        List<String> etags = new ArrayList<>();
        for (String path = first; path != null; ) {
            HttpApi.Response r = anonymous.getBytes(path);
            paths.add(path);
            etags.add(r.header("ETag"));
            path = r.json().hasNonNull("next") ? r.json().get("next").asString() : null;
        }
        // five full pages of four, and an empty sixth
        assertThat(paths).hasSize(6);

        // W10 is on the third page: the others stay valid
        edit("W10", 0.21, null);
        assertThat(statuses(paths, etags)).containsExactly(304, 304, 200, 304, 304, 304);
        etags.set(2, anonymous.getBytes(paths.get(2)).header("ETag"));

        // a new plot in the box has the greatest id: only the page after the last full one gains it
        store.insert(plots, plot("W20", square(117.4285, 39.1050)), "test");
        assertThat(statuses(paths, etags)).containsExactly(304, 304, 304, 304, 304, 200);
        assertThat(codes(page(paths.get(5)))).containsExactly("W20");
    }

    private List<Integer> statuses(List<String> paths, List<String> etags) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            out.add(revalidate(paths.get(i), etags.get(i)).status());
        }
        return out;
    }

    @Test
    void aPlotWhoseBoundingBoxAloneMeetsTheAreaIsNotRead() {
        // the triangle's empty north-east corner: its box meets this one, its geometry does not
        Envelope corner = new Envelope(117.508, 117.512, 39.108, 39.112);
        Geometry box = Geometries.STORAGE.toGeometry(corner);
        assertThat(codes(page("/api/layers/forest_plots/features?bbox=117.508,39.108,117.512,39.112&after=0")))
                .isEmpty();
        assertThat(store.countMatching(plots, box, List.of())).isZero();
        assertThat(store.findAfter(plots, box, List.of(), 10, 0)).isEmpty();
        List<Feature> streamed = new ArrayList<>();
        store.forEach(plots, box, List.of(), streamed::add);
        assertThat(streamed).isEmpty();

        // the triangle's south-west part, a box crossing it, and an area that is not a rectangle
        Geometry crossing = Geometries.STORAGE.toGeometry(new Envelope(117.499, 117.502, 39.099, 39.102));
        assertThat(store.countMatching(plots, crossing, List.of())).isEqualTo(1);
        assertThat(store.findAfter(plots, crossing, List.of(), 10, 0)).extracting(f -> f.attributes().get("plot_code"))
                .containsExactly("T");
        Geometry diagonal = polygon(117.509, 39.109, 117.512, 39.109, 117.512, 39.112);
        assertThat(store.countMatching(plots, diagonal, List.of())).isZero();
        Geometry reaching = polygon(117.504, 39.104, 117.512, 39.109, 117.512, 39.112);
        assertThat(store.countMatching(plots, reaching, List.of())).isEqualTo(1);
        assertThat(store.find(plots, reaching, List.of(), 10, 0)).hasSize(1);
        // and with an attribute filter: W1, W2 wholly inside the box, W0 and W3 across its edges
        Geometry westBox = Geometries.STORAGE.toGeometry(new Envelope(117.4015, 117.4050, 39.100, 39.110));
        assertThat(store.countMatching(plots, westBox, List.of())).isEqualTo(4);
        assertThat(store.countMatching(plots, westBox, List.of(AttributeFilter.in("plot_code", List.of("W1")))))
                .isEqualTo(1);
        assertThat(store.find(plots, westBox, List.of(), 10, 1)).extracting(f -> f.attributes().get("plot_code"))
                .containsExactly("W1", "W2", "W3");
        assertThat(store.countMatching(plots, westBox, List.of(AttributeFilter.in("plot_code", List.of("W0", "W3")))))
                .isEqualTo(2);
    }

    private JsonNode page(String path) {
        HttpApi.Response r = anonymous.get(path);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private HttpApi.Response revalidate(String path, String etag) {
        return anonymous.getBytes(path, Map.of("If-None-Match", etag));
    }

    private Feature byCode(String code) {
        return store.find(plots, (Geometry) null, List.of(AttributeFilter.in("plot_code", List.of(code))), 1, 0)
                .get(0);
    }

    /** A new version of a plot: another canopy closure, and a new shape if given. */
    private void edit(String code, double closure, MultiPolygon shape) {
        Feature f = byCode(code);
        Map<String, Object> a = new HashMap<>(f.attributes());
        a.put("canopy_closure", closure);
        store.update(plots, f.id(), f.version(), new FeatureDraft(shape == null ? f.geometry() : shape, a, Map.of()),
                "test");
    }

    private static FeatureDraft plot(String code, MultiPolygon shape) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("plot_code", code);
        a.put("species", "poplar");
        a.put("canopy_closure", 0.5);
        a.put("stock_m3", 1.0);
        return new FeatureDraft(shape, a, Map.of());
    }

    private static MultiPolygon square(double x, double y) {
        return polygon(x, y, x + SIDE, y, x + SIDE, y + SIDE, x, y + SIDE);
    }

    private static MultiPolygon polygon(double... xy) {
        Coordinate[] ring = new Coordinate[xy.length / 2 + 1];
        for (int i = 0; i < xy.length / 2; i++) {
            ring[i] = new Coordinate(xy[2 * i], xy[2 * i + 1]);
        }
        ring[ring.length - 1] = ring[0];
        return Geometries.STORAGE.createMultiPolygon(new Polygon[] {Geometries.STORAGE.createPolygon(ring)});
    }

    private static double closure(JsonNode fc, String code) {
        for (JsonNode f : fc.get("features")) {
            if (f.get("properties").get("plot_code").asString().equals(code)) {
                return f.get("properties").get("canopy_closure").asDouble();
            }
        }
        throw new AssertionError(code + " not on the page");
    }

    private static List<String> codes(JsonNode fc) {
        List<String> out = new ArrayList<>();
        fc.get("features").forEach(f -> out.add(f.get("properties").get("plot_code").asString()));
        return out;
    }
}
