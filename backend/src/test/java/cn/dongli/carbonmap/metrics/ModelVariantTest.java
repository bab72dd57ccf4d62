package cn.dongli.carbonmap.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.MultiPolygon;

import cn.dongli.carbonmap.geom.Geometries;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.sample.DistrictGenerator;
import cn.dongli.carbonmap.sample.GeneratedFeature;

/**
 * A scenario's variant of the model against the model built from scratch on the layers as the scenario has them: the
 * two must give the same figures for every unit, after any sequence of changes to the scenario and to the live
 * layers under it.
 */
class ModelVariantTest {

    private static final int YEAR = 2025;
    private static final Map<String, List<Feature>> DISTRICT = district();

    /** The live layers (changed by some tests) and the scenario's view of them, kept side by side. */
    private Map<String, Map<Long, Feature>> live;
    private Map<String, Map<Long, Feature>> scenario;
    private IndicatorModel model;
    private ModelVariant variant;

    private static Map<String, List<Feature>> district() {
        Map<String, List<Feature>> out = new LinkedHashMap<>();
        long id = 1;
        for (String layer : new LayerCatalog().all().stream().map(l -> l.name()).toList()) {
            List<Feature> features = new ArrayList<>();
            for (GeneratedFeature g : DistrictGenerator.generate(DistrictGenerator.DEFAULT_SEED, 0.03).features(layer)) {
                features.add(feature(id++, layer, Geometries.toStoredMultiPolygon(g.geometry()), g.attributes()));
            }
            out.put(layer, features);
        }
        return out;
    }

    private static Feature feature(long id, String layer, MultiPolygon g, Map<String, Object> attributes) {
        return new Feature(id, layer, 1, g, new HashMap<>(attributes), Map.of(), "test", Instant.EPOCH, "test",
                Instant.EPOCH);
    }

    @BeforeEach
    void liveModel() {
        live = new LinkedHashMap<>();
        scenario = new LinkedHashMap<>();
        DISTRICT.forEach((layer, features) -> {
            Map<Long, Feature> byId = new LinkedHashMap<>();
            features.forEach(f -> byId.put(f.id(), f));
            live.put(layer, byId);
            scenario.put(layer, new LinkedHashMap<>(byId));
        });
        model = IndicatorModel.build(MetricsDefinitions.defaults(), DISTRICT);
        variant = new ModelVariant(model);
    }

    // --- what a scenario does, to the variant and to the reference layers alike --------------------------------

    private void draft(Feature f) {
        scenario.get(f.layer()).put(f.id(), f);
        variant.put(f);
    }

    private void delete(String layer, long id) {
        scenario.get(layer).remove(id);
        variant.remove(layer, id);
    }

    private void backToLive(String layer, long id) {
        Feature f = live.get(layer).get(id);
        if (f == null) {
            scenario.get(layer).remove(id);
        } else {
            scenario.get(layer).put(id, f);
        }
        variant.reset(layer, id);
    }

    /** A live edit under the scenario: a feature the scenario does not change changes in its view too. */
    private void liveEdit(Feature f) {
        live.get(f.layer()).put(f.id(), f);
        model.put(f);
        if (!variant.changes(f.layer(), f.id())) {
            scenario.get(f.layer()).put(f.id(), f);
        }
    }

    private static Feature with(Feature f, Object... attributes) {
        Map<String, Object> a = new HashMap<>(f.attributes());
        for (int i = 0; i < attributes.length; i += 2) {
            a.put((String) attributes[i], attributes[i + 1]);
        }
        return new Feature(f.id(), f.layer(), f.version() + 1, f.geometry(), a, f.extra(), f.createdBy(),
                f.createdAt(), f.updatedBy(), f.updatedAt());
    }

    private Feature first(String layer, Predicate<Feature> p) {
        return live.get(layer).values().stream().filter(p).findFirst().orElseThrow(() -> new AssertionError(
                "the generated district has no such feature of " + layer));
    }

    private List<Feature> all(String layer, Predicate<Feature> p) {
        return live.get(layer).values().stream().filter(p).toList();
    }

    private static boolean status(Feature f, String status) {
        return status.equals(f.attributes().get("status"));
    }

    // --- the check ------------------------------------------------------------------------------------------------

    private void checkAgreesWithAModelBuiltOnTheScenariosLayers() {
        Map<String, List<Feature>> layers = new LinkedHashMap<>();
        scenario.forEach((layer, byId) -> layers.put(layer, new ArrayList<>(byId.values())));
        List<UnitMetrics> expected = IndicatorModel.build(MetricsDefinitions.defaults(), layers).compute(YEAR);
        List<UnitMetrics> actual = variant.compute(YEAR);
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            UnitMetrics e = expected.get(i);
            UnitMetrics a = actual.get(i);
            String unit = e.unit() + " " + e.code();
            assertThat(a.code()).isEqualTo(e.code());
            assertThat(a.blueGreenM2()).as(unit + " blue-green").isCloseTo(e.blueGreenM2(), within(1e-6 * e.areaM2()));
            assertThat(a.forestM2()).as(unit + " forest").isCloseTo(e.forestM2(), within(1e-6 * e.areaM2()));
            assertThat(a.farmlandM2()).as(unit + " farmland").isCloseTo(e.farmlandM2(), within(1e-6 * e.areaM2()));
            assertThat(a.forestStockM3()).as(unit + " stock").isCloseTo(e.forestStockM3(),
                    within(1e-6 * Math.max(1, e.forestStockM3())));
            assertThat(a.pvEligible()).as(unit + " PV eligible").isEqualTo(e.pvEligible());
            assertThat(a.pvInstalled()).as(unit + " PV installed").isEqualTo(e.pvInstalled());
            if (e.pvAreaShare() == null) {
                assertThat(a.pvAreaShare()).as(unit + " PV area share").isNull();
            } else {
                assertThat(a.pvAreaShare()).as(unit + " PV area share").isCloseTo(e.pvAreaShare(), within(1e-9));
            }
            assertThat(a.targets()).extracting(UnitMetrics.TargetStatus::status)
                    .as(unit + " target statuses").isEqualTo(e.targets().stream()
                            .map(UnitMetrics.TargetStatus::status).toList());
        }
    }

    private UnitMetrics unit(List<UnitMetrics> figures, String kind) {
        return figures.stream().filter(m -> m.unit().equals(kind)).findFirst().orElseThrow();
    }

    // --- the cases ------------------------------------------------------------------------------------------------

    @Test
    void anUnchangedScenarioHasTheLiveFigures() {
        assertThat(variant.size()).isZero();
        checkAgreesWithAModelBuiltOnTheScenariosLayers();
    }

    @Test
    void plannedParksAndFarmlandCountedAsDoneAddTheirArea() {
        List<Feature> parks = all(LayerCatalog.PARKS, f -> !status(f, "built"));
        List<Feature> farmland = all(LayerCatalog.FARMLAND, f -> !status(f, "accepted"));
        assertThat(parks).isNotEmpty();
        assertThat(farmland).isNotEmpty();
        double liveBlueGreen = unit(model.compute(YEAR), "district").blueGreenM2();
        double liveFarmland = unit(model.compute(YEAR), "district").farmlandM2();
        parks.forEach(f -> draft(with(f, "status", "built")));
        farmland.forEach(f -> draft(with(f, "status", "accepted")));
        checkAgreesWithAModelBuiltOnTheScenariosLayers();
        UnitMetrics district = unit(variant.compute(YEAR), "district");
        assertThat(district.blueGreenM2()).isGreaterThan(liveBlueGreen);
        assertThat(district.farmlandM2()).isGreaterThan(liveFarmland);
        // and one by one back to live: the live figures again
        parks.forEach(f -> backToLive(f.layer(), f.id()));
        farmland.forEach(f -> backToLive(f.layer(), f.id()));
        checkAgreesWithAModelBuiltOnTheScenariosLayers();
        assertThat(unit(variant.compute(YEAR), "district").blueGreenM2()).isCloseTo(liveBlueGreen, within(1e-3));
    }

    @Test
    void draftsReshapeReclassifyDeleteAndAdd() {
        Feature bare = first(LayerCatalog.LAND_COVER, f -> "bare".equals(f.attributes().get("class"))
                || "built".equals(f.attributes().get("class")));
        draft(with(bare, "class", "park_green"));
        Feature green = first(LayerCatalog.LAND_COVER, f -> "grassland".equals(f.attributes().get("class")));
        delete(LayerCatalog.LAND_COVER, green.id());
        Feature plot = first(LayerCatalog.FOREST_PLOTS, f -> ((Number) f.attributes().get("stock_m3")).doubleValue() > 0);
        delete(LayerCatalog.FOREST_PLOTS, plot.id());
        Feature thinned = first(LayerCatalog.FOREST_PLOTS,
                f -> ((Number) f.attributes().get("canopy_closure")).doubleValue() >= 0.3 && f.id() != plot.id());
        draft(with(thinned, "canopy_closure", 0.1, "stock_m3", 12.5));
        Feature roof = first(LayerCatalog.PV_ROOFTOPS, f -> Boolean.FALSE.equals(f.attributes().get("pv_installed"))
                && ((Number) f.attributes().get("built_year")).intValue() >= 2022
                && List.of("factory", "public_institution").contains(f.attributes().get("building_use")));
        draft(with(roof, "pv_installed", true, "pv_area_m2",
                ((Number) roof.attributes().get("roof_area_m2")).doubleValue() * 0.6, "pv_capacity_kwp", 120.0));
        // a new park, drawn across the boundary of two units, over land cover and plots (engine id -1)
        Envelope e = plot.geometry().getEnvelopeInternal();
        e.expandBy(e.getWidth() * 2, e.getHeight() * 2);
        draft(feature(-1, LayerCatalog.PARKS, Geometries.toStoredMultiPolygon(Geometries.STORAGE.toGeometry(e)),
                Map.of("name", "情景公园", "status", "built", "year", 2025)));
        // a plot reshaped: moved by a cell
        Feature moved = first(LayerCatalog.FOREST_PLOTS, f -> f.id() != plot.id() && f.id() != thinned.id());
        MultiPolygon shifted = (MultiPolygon) moved.geometry().copy();
        shifted.apply(new org.locationtech.jts.geom.CoordinateFilter() {
            @Override
            public void filter(org.locationtech.jts.geom.Coordinate c) {
                c.x += 0.004;
            }
        });
        shifted.geometryChanged();
        draft(new Feature(moved.id(), moved.layer(), 2, shifted, moved.attributes(), Map.of(), "t", Instant.EPOCH,
                "t", Instant.EPOCH));
        assertThat(variant.size()).isEqualTo(7);
        checkAgreesWithAModelBuiltOnTheScenariosLayers();
    }

    @Test
    void liveEditsUnderTheScenarioShowInIt() {
        List<Feature> parks = all(LayerCatalog.PARKS, f -> status(f, "planned"));
        parks.forEach(f -> draft(with(f, "status", "built")));
        checkAgreesWithAModelBuiltOnTheScenariosLayers();
        // live: a blue-green parcel next to nothing the scenario changes becomes built-up, a plot is thinned
        Feature parcel = first(LayerCatalog.LAND_COVER, f -> "cropland".equals(f.attributes().get("class")));
        liveEdit(with(parcel, "class", "built"));
        Feature plot = first(LayerCatalog.FOREST_PLOTS, f -> ((Number) f.attributes().get("stock_m3")).doubleValue() > 10);
        liveEdit(with(plot, "stock_m3", 1.0, "canopy_closure", 0.05));
        // live: a park the scenario counts as done is reshaped live: the scenario must take it again as it is now
        Feature park = parks.get(0);
        Envelope e = park.geometry().getEnvelopeInternal();
        Feature reshaped = new Feature(park.id(), park.layer(), park.version() + 1,
                Geometries.toStoredMultiPolygon(Geometries.STORAGE.toGeometry(new Envelope(e.getMinX(),
                        e.getMinX() + e.getWidth() / 2, e.getMinY(), e.getMaxY()))), park.attributes(), Map.of(),
                "t", Instant.EPOCH, "t", Instant.EPOCH);
        liveEdit(reshaped);
        draft(with(reshaped, "status", "built"));
        checkAgreesWithAModelBuiltOnTheScenariosLayers();
    }
}
