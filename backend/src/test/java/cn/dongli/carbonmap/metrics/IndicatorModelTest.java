package cn.dongli.carbonmap.metrics;

import static cn.dongli.carbonmap.support.Quadrangle.area;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.WKTReader;

import cn.dongli.carbonmap.geom.Geometries;
import cn.dongli.carbonmap.layer.Feature;

/**
 * The traps of zonal figures, each on a small district of longitude/latitude boxes whose exact areas the test knows
 * from the authalic formula.
 *
 * <p>Street A is 117.40–117.42 E, street B 117.42–117.44 E, both 39.10–39.12 N.
 */
class IndicatorModelTest {

    private static final double TOLERANCE = 1e-6; // relative

    private final Map<String, List<Feature>> layers = new LinkedHashMap<>();
    private long nextId = 1;

    private static MultiPolygon wkt(String text) {
        try {
            return Geometries.toStoredMultiPolygon(new WKTReader(Geometries.STORAGE).read(text));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String box(double lon1, double lat1, double lon2, double lat2) {
        return String.format(java.util.Locale.ROOT, "POLYGON((%s %s, %s %s, %s %s, %s %s, %s %s))", lon1, lat1, lon2,
                lat1, lon2, lat2, lon1, lat2, lon1, lat1);
    }

    private void add(String layer, String wkt, Object... attributes) {
        Map<String, Object> a = new HashMap<>();
        for (int i = 0; i < attributes.length; i += 2) {
            a.put((String) attributes[i], attributes[i + 1]);
        }
        layers.computeIfAbsent(layer, k -> new ArrayList<>()).add(new Feature(nextId++, layer, 1, wkt(wkt), a,
                Map.of(), "test", Instant.EPOCH, "test", Instant.EPOCH));
    }

    private void streets() {
        add("streets", box(117.40, 39.10, 117.42, 39.12), "code", "120110000001", "name", "A");
        add("streets", box(117.42, 39.10, 117.44, 39.12), "code", "120110000002", "name", "B");
    }

    private void plot(String wkt, double canopy, double stock) {
        add("forest_plots", wkt, "plot_code", "P" + nextId, "species", "poplar", "canopy_closure", canopy,
                "stock_m3", stock);
    }

    private Map<String, UnitMetrics> compute() {
        IndicatorModel model = IndicatorModel.build(MetricsDefinitions.defaults(), layers);
        Map<String, UnitMetrics> byCode = new HashMap<>();
        for (UnitMetrics m : model.compute(2024)) {
            byCode.put(m.code(), m);
        }
        return byCode;
    }

    private static void checkArea(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(Math.max(1e-6, expected * TOLERANCE)));
    }

    @Test
    void overlappingForestPlotsCountOnce() {
        streets();
        plot(box(117.405, 39.105, 117.415, 39.115), 0.5, 0);
        plot(box(117.410, 39.105, 117.418, 39.115), 0.5, 0);
        UnitMetrics a = compute().get("120110000001");
        checkArea(a.forestM2(), area(117.405, 39.105, 117.418, 39.115));
        checkArea(a.blueGreenM2(), area(117.405, 39.105, 117.418, 39.115));
        checkArea(a.areaM2(), area(117.40, 39.10, 117.42, 39.12));
        assertThat(a.forestCover()).isCloseTo(area(117.405, 39.105, 117.418, 39.115) / area(117.40, 39.10, 117.42, 39.12),
                within(1e-9));
    }

    @Test
    void aPlotAcrossTwoStreetsSplitsItsAreaAndStock() {
        streets();
        plot(box(117.415, 39.101, 117.425, 39.104), 0.6, 100);
        Map<String, UnitMetrics> m = compute();
        checkArea(m.get("120110000001").forestM2(), area(117.415, 39.101, 117.42, 39.104));
        checkArea(m.get("120110000002").forestM2(), area(117.42, 39.101, 117.425, 39.104));
        assertThat(m.get("120110000001").forestStockM3()).isCloseTo(50, within(1e-6));
        assertThat(m.get("120110000002").forestStockM3()).isCloseTo(50, within(1e-6));
        assertThat(m.get("district").forestStockM3()).isCloseTo(100, within(1e-6));
    }

    @Test
    void aParkOverAForestPlotIsBlueGreenOnce() {
        streets();
        plot(box(117.405, 39.105, 117.415, 39.115), 0.5, 0);
        add("parks", box(117.41, 39.105, 117.43, 39.115), "name", "程林公园", "status", "built", "year", 2024);
        add("parks", box(117.40, 39.116, 117.41, 39.119), "name", "规划公园", "status", "planned", "year", 2026);
        Map<String, UnitMetrics> m = compute();
        checkArea(m.get("120110000001").blueGreenM2(), area(117.405, 39.105, 117.42, 39.115));
        checkArea(m.get("120110000002").blueGreenM2(), area(117.42, 39.105, 117.43, 39.115));
        checkArea(m.get("district").blueGreenM2(), area(117.405, 39.105, 117.43, 39.115));
    }

    @Test
    void aRooftopOnAStreetBoundaryCountsOnceWhereItsPointOnSurfaceIs() {
        streets();
        // mostly in A: its point-on-surface lies west of the boundary at 117.42
        add("pv_rooftops", box(117.4190, 39.110, 117.4202, 39.1101), "building_use", "factory", "built_year", 2023,
                "roof_area_m2", 1000.0, "pv_installed", true, "pv_area_m2", 400.0, "pv_capacity_kwp", 70.0);
        add("pv_rooftops", box(117.430, 39.110, 117.431, 39.1101), "building_use", "public_institution",
                "built_year", 2024, "roof_area_m2", 800.0, "pv_installed", false);
        add("pv_rooftops", box(117.432, 39.110, 117.433, 39.1101), "building_use", "residential", "built_year", 2024,
                "roof_area_m2", 800.0, "pv_installed", true, "pv_area_m2", 100.0);
        add("pv_rooftops", box(117.434, 39.110, 117.435, 39.1101), "building_use", "factory", "built_year", 2015,
                "roof_area_m2", 800.0, "pv_installed", true, "pv_area_m2", 100.0);
        Map<String, UnitMetrics> m = compute();
        UnitMetrics a = m.get("120110000001");
        UnitMetrics b = m.get("120110000002");
        assertThat(a.pvEligible()).isEqualTo(1);
        assertThat(a.pvInstalled()).isEqualTo(1);
        assertThat(a.pvCountShare()).isEqualTo(1.0);
        assertThat(a.pvAreaShare()).isCloseTo(0.4, within(1e-12));
        assertThat(b.pvEligible()).isEqualTo(1);
        assertThat(b.pvInstalled()).isZero();
        assertThat(m.get("district").pvEligible()).isEqualTo(2);
        assertThat(m.get("district").pvCountShare()).isEqualTo(0.5);
    }

    @Test
    void anEmptyUnitHasZeroAreasAndNoShareOfNothing() {
        streets();
        UnitMetrics a = compute().get("120110000001");
        assertThat(a.blueGreenM2()).isZero();
        assertThat(a.blueGreenShare()).isZero();
        assertThat(a.pvEligible()).isZero();
        assertThat(a.pvCountShare()).isNull();
        assertThat(a.pvAreaShare()).isNull();
        assertThat(a.forestStockM3()).isZero();
    }

    @Test
    void aMultipolygonZoneSumsItsParts() {
        streets();
        add("zones", "MULTIPOLYGON(((117.40 39.10, 117.41 39.10, 117.41 39.11, 117.40 39.11, 117.40 39.10)),"
                + "((117.43 39.11, 117.44 39.11, 117.44 39.12, 117.43 39.12, 117.43 39.11)))",
                "code", "GL-1", "name", "一级管控区", "zone_type", "control_level", "level", 1);
        plot(box(117.405, 39.105, 117.435, 39.115), 0.5, 300);
        Map<String, UnitMetrics> m = compute();
        UnitMetrics zone = m.get("GL-1");
        checkArea(zone.areaM2(), area(117.40, 39.10, 117.41, 39.11) + area(117.43, 39.11, 117.44, 39.12));
        checkArea(zone.forestM2(), area(117.405, 39.105, 117.41, 39.11) + area(117.43, 39.11, 117.435, 39.115));
        double plotArea = area(117.405, 39.105, 117.435, 39.115);
        assertThat(zone.forestStockM3()).isCloseTo(300 * zone.forestM2() / plotArea, within(1e-6));
        // the aggregate units exist and equal the single level-1 zone
        checkArea(m.get("L1").areaM2(), zone.areaM2());
        checkArea(m.get("barrier").forestM2(), zone.forestM2());
        assertThat(m.get("L1").targets()).extracting(UnitMetrics.TargetStatus::indicator)
                .containsExactly("blueGreenShare", "forestCover");
    }

    @Test
    void aHoleIsNotPartOfTheZone() {
        streets();
        add("zones", "POLYGON((117.40 39.10, 117.42 39.10, 117.42 39.12, 117.40 39.12, 117.40 39.10),"
                + "(117.405 39.105, 117.415 39.105, 117.415 39.115, 117.405 39.115, 117.405 39.105))",
                "code", "PQ-01", "name", "林水涵养区", "zone_type", "functional_area");
        plot(box(117.406, 39.106, 117.414, 39.114), 0.5, 50);
        plot(box(117.416, 39.106, 117.419, 39.114), 0.5, 10);
        UnitMetrics zone = compute().get("PQ-01");
        checkArea(zone.areaM2(), area(117.40, 39.10, 117.42, 39.12) - area(117.405, 39.105, 117.415, 39.115));
        checkArea(zone.forestM2(), area(117.416, 39.106, 117.419, 39.114));
        assertThat(zone.forestStockM3()).isCloseTo(10, within(1e-9));
    }

    @Test
    void sparseCanopyIsBlueGreenButNotForest() {
        streets();
        plot(box(117.405, 39.105, 117.415, 39.115), 0.15, 20);
        UnitMetrics a = compute().get("120110000001");
        assertThat(a.forestM2()).isZero();
        checkArea(a.blueGreenM2(), area(117.405, 39.105, 117.415, 39.115));
        assertThat(a.forestStockM3()).isCloseTo(20, within(1e-9));
    }

    @Test
    void onlyAcceptedFarmlandCountsAsBuiltButAllFarmlandIsBlueGreen() {
        streets();
        add("farmland", box(117.401, 39.101, 117.409, 39.109), "project", "金桥街2023年新建高标准农田项目",
                "status", "accepted", "year", 2023);
        add("farmland", box(117.411, 39.101, 117.419, 39.109), "project", "规划项目", "status", "planned", "year", 2026);
        UnitMetrics a = compute().get("120110000001");
        checkArea(a.farmlandM2(), area(117.401, 39.101, 117.409, 39.109));
        assertThat(a.farmlandMu()).isCloseTo(a.farmlandM2() * 15 / 10000, within(1e-9));
        checkArea(a.blueGreenM2(), area(117.401, 39.101, 117.409, 39.109) + area(117.411, 39.101, 117.419, 39.109));
    }

    @Test
    void landCoverCountsByClassAndOverlapsWithPlotsOnce() {
        streets();
        add("land_cover", box(117.40, 39.10, 117.41, 39.12), "class", "cropland");
        add("land_cover", box(117.41, 39.10, 117.42, 39.12), "class", "built");
        plot(box(117.405, 39.105, 117.415, 39.115), 0.5, 0);
        UnitMetrics a = compute().get("120110000001");
        checkArea(a.blueGreenM2(), area(117.40, 39.10, 117.41, 39.12) + area(117.41, 39.105, 117.415, 39.115));
    }
}
