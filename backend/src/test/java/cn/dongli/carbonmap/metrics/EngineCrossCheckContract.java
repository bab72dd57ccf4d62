package cn.dongli.carbonmap.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.dongli.carbonmap.geom.io.SourceDataset;
import cn.dongli.carbonmap.geom.io.SourceFeature;
import cn.dongli.carbonmap.importer.FeatureImporter;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.sample.DistrictGenerator;
import cn.dongli.carbonmap.sample.GeneratedFeature;
import cn.dongli.carbonmap.sample.SyntheticDistrict;
import cn.dongli.carbonmap.support.PostgisReference;
import cn.dongli.carbonmap.support.PostgisServer;

/**
 * The engine against PostGIS: a synthetic district is loaded into the store (through the importer) and, as stored,
 * into a PostGIS database; the engine's figures must agree with PostGIS's {@code ST_Union}/{@code ST_Intersection}/
 * {@code geography} areas within 0.05 %, and exactly on counts — on both storage profiles.
 */
abstract class EngineCrossCheckContract {

    static final double SCALE = 0.05;
    static final double RELATIVE = 0.0005;
    /** Below this (m² or m³) a relative tolerance is meaningless: slivers where a plot grazes a unit. */
    static final double FLOOR = 50;

    @Autowired
    FeatureStore store;

    @Autowired
    LayerCatalog catalog;

    @Autowired
    FeatureImporter importer;

    @Autowired
    MetricsEngine engine;

    @Test
    void theEngineAgreesWithPostgisOnEveryUnit() throws Exception {
        SyntheticDistrict district = DistrictGenerator.generate(DistrictGenerator.DEFAULT_SEED, SCALE);
        Map<String, List<Feature>> stored = new HashMap<>();
        for (Layer layer : catalog.all()) {
            List<SourceFeature> features = new ArrayList<>();
            for (GeneratedFeature g : district.features(layer.name())) {
                features.add(SourceFeature.of(features.size(), g.geometry(), new HashMap<>(g.attributes())));
            }
            FeatureImporter.Result r = importer.importDataset(layer, new SourceDataset(features, new cn.dongli.carbonmap.geom.Crs.Code(4490, false), "generated"),
                    true);
            assertThat(r.skipped()).as(layer.name()).isZero();
            List<Feature> back = new ArrayList<>();
            store.forEach(layer, back::add);
            stored.put(layer.name(), back);
        }
        List<UnitMetrics> engineFigures = engine.metrics(false);

        String db = PostgisServer.createDatabase();
        Map<String, PostgisReference.Figures> reference;
        try (Connection c = PostgisServer.connect(db)) {
            PostgisReference.createSchema(c);
            for (Map.Entry<String, List<Feature>> e : stored.entrySet()) {
                PostgisReference.load(c, e.getKey(), e.getValue());
            }
            reference = PostgisReference.compute(c, engine.definitions());
        }

        assertThat(engineFigures).hasSize(reference.size()).hasSizeGreaterThan(25);
        for (UnitMetrics m : engineFigures) {
            PostgisReference.Figures ref = reference.get(m.unit() + ":" + m.code());
            assertThat(ref).as(m.unit() + " " + m.code()).isNotNull();
            String unit = m.unit() + " " + m.code() + " " + m.name();
            close(unit + " area", m.areaM2(), ref.areaM2());
            close(unit + " blue-green", m.blueGreenM2(), ref.blueGreenM2());
            close(unit + " forest", m.forestM2(), ref.forestM2());
            close(unit + " stock", m.forestStockM3(), ref.forestStockM3());
            close(unit + " farmland", m.farmlandM2(), ref.farmlandM2());
            assertThat(m.pvEligible()).as(unit + " PV eligible").isEqualTo(ref.pvEligible());
            assertThat(m.pvInstalled()).as(unit + " PV installed").isEqualTo(ref.pvInstalled());
        }
        System.out.println("engine vs PostGIS, largest relative difference per measure: " + WORST);
        // the data is not trivial: every indicator is exercised somewhere
        UnitMetrics barrier = engineFigures.stream().filter(m -> m.unit().equals("barrier")).findFirst().orElseThrow();
        assertThat(barrier.blueGreenShare()).isBetween(0.3, 0.95);
        assertThat(barrier.forestStockM3()).isGreaterThan(10_000);
        UnitMetrics all = engineFigures.stream().filter(m -> m.unit().equals("district")).findFirst().orElseThrow();
        assertThat(all.pvEligible()).isGreaterThan(20);
        assertThat(all.farmlandMu()).isGreaterThan(1000);
    }

    private static final Map<String, Double> WORST = new java.util.TreeMap<>();

    private static void close(String what, double actual, double expected) {
        if (Math.abs(expected) > 10 * FLOOR) {
            String measure = what.substring(what.lastIndexOf(' ') + 1);
            WORST.merge(measure, Math.abs(actual / expected - 1), Math::max);
        }
        assertThat(actual).as(what).isCloseTo(expected, within(Math.max(FLOOR, Math.abs(expected) * RELATIVE)));
    }
}
