package cn.dongli.carbonmap.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

import cn.dongli.carbonmap.geom.CellSource;
import cn.dongli.carbonmap.geom.GridCutVariant;
import cn.dongli.carbonmap.geom.ThemeVariant;
import cn.dongli.carbonmap.geom.ZonalAreasVariant;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.LayerCatalog;

/**
 * A planning scenario's view of the {@link IndicatorModel}: the live model with some features replaced, removed or
 * added. Only the changes are held — each source of the model has a {@link GridCutVariant}, each theme a
 * {@link ThemeVariant} and {@link ZonalAreasVariant} that work on the cells the changes touch — so a scenario costs
 * what its changes cost, and changing one feature of it recomputes only that feature's cells. Its figures are the
 * live model's with what the changes alter: the themes' areas in the touched cells, the stock of the changed plots,
 * the changed rooftops.
 *
 * <p>Valid while the live model keeps its units ({@link #isValidOn}); live features change under it freely, but a
 * changed feature must be put again when its live version changes (its live cells may have moved). Not thread-safe;
 * {@link MetricsEngine} serialises access.
 */
final class ModelVariant {

    private static final GeometryFactory PLANAR = new GeometryFactory(new PrecisionModel(), 0);

    private final IndicatorModel base;
    private final long unitsVersion;
    private final GridCutVariant[] sources;
    private final ZonalAreasVariant blueGreen;
    private final ZonalAreasVariant forest;
    private final ZonalAreasVariant farmland;
    private final ThemeVariant blueGreenTheme;
    private final ThemeVariant forestTheme;
    /** Every feature the variant holds otherwise than the live model: as prepared, or null where it removes it. */
    private final Map<Key, IndicatorModel.Prepared> changed = new HashMap<>();

    /** A feature of a layer. */
    record Key(String layer, long id) {
    }

    ModelVariant(IndicatorModel base) {
        this.base = base;
        this.unitsVersion = base.unitsVersion();
        this.sources = new GridCutVariant[base.sourceCount()];
        Map<CellSource, GridCutVariant> replacements = new HashMap<>();
        for (int i = 0; i < sources.length; i++) {
            sources[i] = new GridCutVariant(base.source(i), PLANAR);
            replacements.put(base.source(i), sources[i]);
        }
        this.blueGreenTheme = new ThemeVariant(base.blueGreen(), replacements, PLANAR);
        this.forestTheme = new ThemeVariant(base.forest(), replacements, PLANAR);
        this.blueGreen = new ZonalAreasVariant(base.blueGreenAreas(), blueGreenTheme);
        this.forest = new ZonalAreasVariant(base.forestAreas(), forestTheme);
        this.farmland = new ZonalAreasVariant(base.farmlandAreas(),
                new ThemeVariant(base.farmland(), replacements, PLANAR));
    }

    /** The blue-green theme as the scenario has it. */
    ThemeVariant blueGreenTheme() {
        return blueGreenTheme;
    }

    /** The forest theme as the scenario has it. */
    ThemeVariant forestTheme() {
        return forestTheme;
    }

    /** The {@code SOURCE_*}-th source as the scenario has it. */
    CellSource source(int i) {
        return sources[i];
    }

    /** Whether the variant still fits the model (the same model, whose units were not rebuilt since). */
    boolean isValidOn(IndicatorModel model) {
        return model == base && model.unitsVersion() == unitsVersion;
    }

    /**
     * Holds a feature as the scenario has it, in place of the live feature of its layer and id (if any).
     *
     * @throws IllegalArgumentException for zones and streets: a variant keeps the live units
     */
    void put(Feature f) {
        apply(base.prepare(checked(f)));
    }

    /** {@link #put} for many features, prepared in parallel. */
    void putAll(List<Feature> features) {
        features.parallelStream().map(f -> base.prepare(checked(f))).toList().forEach(this::apply);
    }

    /** Removes a live feature from the scenario. */
    void remove(String layer, long id) {
        Key key = new Key(layer, id);
        changed.put(key, null);
        int layerSources = IndicatorModel.sourcesOf(layer);
        for (int i = 0; i < sources.length; i++) {
            if ((layerSources & 1 << i) != 0) {
                sources[i].remove(id);
            }
        }
    }

    /** Gives a feature back to the live model: the scenario holds it as it is live. */
    void reset(String layer, long id) {
        changed.remove(new Key(layer, id));
        int layerSources = IndicatorModel.sourcesOf(layer);
        for (int i = 0; i < sources.length; i++) {
            if ((layerSources & 1 << i) != 0) {
                sources[i].reset(id);
            }
        }
    }

    /** Whether the scenario holds the feature otherwise than the live model. */
    boolean changes(String layer, long id) {
        return changed.containsKey(new Key(layer, id));
    }

    /** The number of features held otherwise than the live model. */
    int size() {
        return changed.size();
    }

    private static Feature checked(Feature f) {
        if (f.layer().equals(LayerCatalog.ZONES) || f.layer().equals(LayerCatalog.STREETS)) {
            throw new IllegalArgumentException("a scenario keeps the live " + f.layer() + ": they are its units");
        }
        return f;
    }

    private void apply(IndicatorModel.Prepared p) {
        changed.put(new Key(p.feature().layer(), p.feature().id()), p);
        IndicatorModel.distribute(p, (i, id, cut) -> sources[i].put(id, cut), (i, id) -> sources[i].remove(id));
    }

    /**
     * The figures of every unit in the scenario, each target's status judged for a year. The live model's figures
     * are brought up to date first.
     */
    List<UnitMetrics> compute(int year) {
        IndicatorModel.Values live = base.values();
        IndicatorModel.Values v = new IndicatorModel.Values(blueGreen.areas(live.blueGreen()),
                forest.areas(live.forest()), farmland.areas(live.farmland()), live.stock().clone(),
                live.carbon().clone(), live.pvEligible().clone(), live.pvInstalled().clone(), live.pvArea().clone(),
                live.roofArea().clone());
        for (Map.Entry<Key, IndicatorModel.Prepared> e : changed.entrySet()) {
            long id = e.getKey().id();
            IndicatorModel.Prepared p = e.getValue();
            switch (e.getKey().layer()) {
                case LayerCatalog.FOREST_PLOTS -> {
                    IndicatorModel.Plot livePlot = base.plot(id);
                    if (livePlot != null) {
                        v.add(livePlot, -1);
                    }
                    if (p != null) {
                        v.add(p.plot(), +1);
                    }
                }
                case LayerCatalog.PV_ROOFTOPS -> {
                    IndicatorModel.Roof liveRoof = base.roof(id);
                    if (liveRoof != null) {
                        v.add(liveRoof, -1);
                    }
                    if (p != null && p.roof() != null) {
                        v.add(p.roof(), +1);
                    }
                }
                default -> {
                }
            }
        }
        return base.figures(v, year);
    }
}
