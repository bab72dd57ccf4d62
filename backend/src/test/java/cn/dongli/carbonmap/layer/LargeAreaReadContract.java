package cn.dongli.carbonmap.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.dongli.carbonmap.geom.Geometries;
import cn.dongli.carbonmap.support.HttpApi;
import tools.jackson.databind.JsonNode;

/**
 * A read by area over more features than one database query could name (65,536): 70,000 small plots in one box,
 * read through the API page by page and counted, with an attribute filter, on both storage profiles.
 */
abstract class LargeAreaReadContract {

    private static final int COLUMNS = 350;
    private static final int ROWS = 200;
    private static final double SIDE = 0.0001;

    @LocalServerPort
    int port;

    @Autowired
    FeatureStore store;

    @Autowired
    LayerCatalog catalog;

    private static Polygon square(double x, double y) {
        return Geometries.STORAGE.createPolygon(new Coordinate[] {new Coordinate(x, y), new Coordinate(x + SIDE, y),
                new Coordinate(x + SIDE, y + SIDE), new Coordinate(x, y + SIDE), new Coordinate(x, y)});
    }

    @Test
    void aBoxOverSeventyThousandPlotsIsReadPageByPageAndCounted() {
        Layer plots = catalog.get(LayerCatalog.FOREST_PLOTS);
        List<FeatureDraft> drafts = new ArrayList<>();
        for (int i = 0; i < COLUMNS; i++) {
            for (int j = 0; j < ROWS; j++) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("plot_code", "P" + i + "-" + j);
                a.put("species", "poplar");
                // every other column sparse
                a.put("canopy_closure", i % 2 == 0 ? 0.5 : 0.1);
                a.put("stock_m3", 1.0);
                drafts.add(new FeatureDraft(Geometries.STORAGE.createMultiPolygon(new Polygon[] {
                        square(117.40 + i * 2 * SIDE, 39.10 + j * 2 * SIDE)}), a, Map.of()));
            }
        }
        assertThat(store.importFeatures(plots, drafts, true, "test")).isEqualTo(COLUMNS * ROWS);
        HttpApi anonymous = new HttpApi(port);
        String box = "bbox=117.39,39.09,117.48,39.15";

        // the last page of the whole box, and one in the middle, in id order
        HttpApi.Response last = anonymous.get("/api/layers/forest_plots/features?" + box + "&limit=3&offset="
                + (COLUMNS * ROWS - 2));
        assertThat(last.status()).as(last.body()).isEqualTo(200);
        assertThat(codes(last.json())).containsExactly("P349-198", "P349-199");
        JsonNode middle = anonymous.get("/api/layers/forest_plots/features?" + box + "&limit=2&offset=40000").json();
        assertThat(codes(middle)).containsExactly("P200-0", "P200-1");

        // counted and streamed whole, with a filter
        Envelope e = new Envelope(117.39, 117.48, 39.09, 39.15);
        assertThat(store.countMatching(plots, Geometries.STORAGE.toGeometry(e), List.of())).isEqualTo(COLUMNS * ROWS);
        List<AttributeFilter> sparse = List.of(AttributeFilter.in("species", List.of("poplar")));
        long[] seen = new long[2];
        store.forEach(plots, Geometries.STORAGE.toGeometry(e), sparse, f -> {
            seen[0]++;
            seen[1] += ((Number) f.attributes().get("canopy_closure")).doubleValue() < 0.2 ? 1 : 0;
        });
        assertThat(seen[0]).isEqualTo(COLUMNS * ROWS);
        assertThat(seen[1]).isEqualTo(COLUMNS / 2 * ROWS);
        // a box of one column: only its plots
        JsonNode column = anonymous.get("/api/layers/forest_plots/features?bbox=117.40,39.09,117.40005,39.15&limit=1000")
                .json();
        assertThat(column.get("features").size()).isEqualTo(ROWS);
    }

    private static List<String> codes(JsonNode fc) {
        List<String> out = new ArrayList<>();
        fc.get("features").forEach(f -> out.add(f.get("properties").get("plot_code").asString()));
        return out;
    }
}
