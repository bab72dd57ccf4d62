package cn.dongli.carbonmap.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import cn.dongli.carbonmap.support.RealTestData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class Gcj02Test {

    @Test
    void theOffsetAroundTianjinIsSeveralHundredMetres() {
        double[] g = Gcj02.fromWgs84(117.40, 39.10);
        double dx = (g[0] - 117.40) * 111_320 * Math.cos(Math.toRadians(39.1));
        double dy = (g[1] - 39.10) * 110_950;
        assertThat(Math.hypot(dx, dy)).isBetween(300.0, 700.0);
    }

    @Test
    void theInverseUndoesTheOffsetToTheMillimetre() {
        for (double lon = 117.20; lon <= 117.60; lon += 0.05) {
            for (double lat = 38.95; lat <= 39.30; lat += 0.05) {
                double[] g = Gcj02.fromWgs84(lon, lat);
                double[] w = Gcj02.toWgs84(g[0], g[1]);
                assertThat(w[0]).isCloseTo(lon, within(1e-8));
                assertThat(w[1]).isCloseTo(lat, within(1e-8));
            }
        }
    }

    @Test
    void outsideChinaNothingMoves() {
        assertThat(Gcj02.fromWgs84(2.35, 48.85)).containsExactly(2.35, 48.85);
    }

    @Test
    @EnabledIf("cn.dongli.carbonmap.support.RealTestData#present")
    void theAmapOutlineOfDongliLandsOnThePublishedWgs84Derivation() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        JsonNode gcj = json.readTree(Files.readString(RealTestData.file("dongli_120110_amap2020_gcj02.geojson")));
        JsonNode wgs = json.readTree(Files.readString(
                RealTestData.file("dongli_120110_amap2020_wgs84_derived.geojson")));
        List<JsonNode> a = ring(gcj);
        List<JsonNode> b = ring(wgs);
        assertThat(a).hasSameSizeAs(b).hasSizeGreaterThan(100);
        for (int i = 0; i < a.size(); i++) {
            double[] w = Gcj02.toWgs84(a.get(i).get(0).doubleValue(), a.get(i).get(1).doubleValue());
            assertThat(w[0]).isCloseTo(b.get(i).get(0).doubleValue(), within(2e-7));
            assertThat(w[1]).isCloseTo(b.get(i).get(1).doubleValue(), within(2e-7));
        }
    }

    private static List<JsonNode> ring(JsonNode collection) {
        JsonNode coords = collection.get("features").get(0).get("geometry").get("coordinates");
        return coords.get(0).get(0).valueStream().toList();
    }

}
