package cn.dongli.carbonmap.metrics;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.geom.AddedAreaOp;
import cn.dongli.carbonmap.geom.EqualAreaProjection;
import cn.dongli.carbonmap.geom.GridCut;
import cn.dongli.carbonmap.layer.AttributeFilter;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.layer.LayerChange;

/**
 * Keeps the indicators current. Before every answer it reads the store's change log from where it stopped and applies
 * each change to the in-memory model (a feature put or removed, a whole layer reloaded), so that an answer given
 * after a write has returned includes that write — whichever process made it. Only the cells and units an edit
 * touches are recomputed.
 *
 * <p>The indicators of a closed survey season are computed on a model built with the season's frozen layers in place
 * of the live ones, kept while nothing changes.
 */
@Component
public class MetricsEngine {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsEngine.class);
    /** Features are prepared for the model in parallel batches of this size while they stream from the store. */
    private static final int BATCH = 4096;
    private static final int SEASONS_KEPT = 8;
    /** Planning scenarios whose variants are kept in memory (the least recently asked for is dropped beyond). */
    private static final int SCENARIOS_KEPT = 32;
    /** Sets of candidates' free areas kept ({@link FreeAreas}): live and a few scenarios, for three indicators. */
    private static final int FREE_AREAS_KEPT = 8;

    private final FeatureStore store;
    private final LayerCatalog catalog;
    private final MetricsDefinitions definitions;
    private final Clock clock;
    private final CarbonFactors carbon;
    private final SeasonLayers seasons;

    private IndicatorModel model;
    /** The change-log entry of each layer the model includes (followed per layer: see FeatureStore#changesSince). */
    private Map<String, Long> applied = Map.of();
    private long carbonVersion;
    private List<UnitMetrics> results;
    /** The last answer and what it was computed from, read without the lock while nothing has changed. */
    private volatile Answer answer;

    private record Answer(Map<String, Long> applied, long carbonVersion, List<UnitMetrics> figures) {
    }
    private final Map<String, SeasonFigures> seasonFigures = new LinkedHashMap<>();

    /** Candidates' free areas by what they were worked out against, least recently asked first. */
    private final Map<FreeKey, FreeAreas> freeAreas = new LinkedHashMap<>();

    /** The planning scenarios asked for, least recently asked first. */
    private final Map<Long, ScenarioState> scenarios = new LinkedHashMap<>(16, 0.75f, true);

    /** A scenario's variant of the model, the assumptions it holds, and its last figures. */
    private static final class ScenarioState {
        Assumptions assumptions;
        ModelVariant variant;
        List<UnitMetrics> figures;
        Map<String, Long> figuresApplied;
        Assumptions figuresOf;
    }

    private record SeasonFigures(Map<String, Long> applied, long carbonVersion, List<UnitMetrics> figures) {
    }

    /** An engine without carbon parameters or seasons (benchmarks). */
    public MetricsEngine(FeatureStore store, LayerCatalog catalog, MetricsDefinitions definitions, Clock clock) {
        this(store, catalog, definitions, clock, CarbonFactors.NONE, SeasonLayers.NONE);
    }

    @Autowired
    MetricsEngine(FeatureStore store, LayerCatalog catalog, MetricsDefinitions definitions, Clock clock,
                  ObjectProvider<CarbonFactors> carbon, ObjectProvider<SeasonLayers> seasons) {
        this(store, catalog, definitions, clock, carbon.getIfAvailable(() -> CarbonFactors.NONE),
                seasons.getIfAvailable(() -> SeasonLayers.NONE));
    }

    private MetricsEngine(FeatureStore store, LayerCatalog catalog, MetricsDefinitions definitions, Clock clock,
                          CarbonFactors carbon, SeasonLayers seasons) {
        this.store = store;
        this.catalog = catalog;
        this.definitions = definitions;
        this.clock = clock;
        this.carbon = carbon;
        this.seasons = seasons;
    }

    /** The definitions in force. */
    public MetricsDefinitions definitions() {
        return definitions;
    }

    /**
     * The figures of every unit, current with every committed write.
     *
     * @param recompute discard all cached state and rebuild from the layers
     */
    public List<UnitMetrics> metrics(boolean recompute) {
        Answer last = answer;
        if (!recompute && last != null && last.carbonVersion() == carbon.version()
                && last.applied().equals(store.lastChanges(catalog.all()))) {
            return last.figures();
        }
        return compute(recompute);
    }

    private synchronized List<UnitMetrics> compute(boolean recompute) {
        if (recompute || model == null || carbon.version() != carbonVersion) {
            rebuild();
        } else {
            sync();
        }
        if (results == null) {
            results = model.compute(LocalDate.now(clock).getYear());
        }
        answer = new Answer(applied, carbonVersion, results);
        return results;
    }

    /**
     * The figures of every unit for a closed survey season: its frozen forest plots (and land cover, if frozen) with
     * the live other layers.
     *
     * @throws ProblemException 404 if there is no closed season of that code
     */
    public synchronized List<UnitMetrics> metrics(String season) {
        Map<String, Long> seq = store.lastChanges(catalog.all());
        SeasonFigures cached = seasonFigures.get(season);
        if (cached != null && cached.applied().equals(seq) && cached.carbonVersion() == carbon.version()) {
            return cached.figures();
        }
        Map<String, List<Feature>> frozen = seasons.frozen(season).orElseThrow(() -> ProblemException.notFound(
                "unknown-season", "there is no closed survey season '" + season + "'"));
        Map<String, List<Feature>> layers = new HashMap<>();
        for (Layer layer : catalog.all()) {
            List<Feature> features = frozen.get(layer.name());
            if (features == null) {
                features = new ArrayList<>();
                store.forEach(layer, IndicatorModel.needed(definitions, layer.name()), features::add);
            }
            layers.put(layer.name(), features);
        }
        List<UnitMetrics> figures = IndicatorModel.build(definitions, carbon.tonnesCarbonPerM3(), layers)
                .compute(LocalDate.now(clock).getYear());
        seasonFigures.remove(season);
        seasonFigures.put(season, new SeasonFigures(seq, carbon.version(), figures));
        while (seasonFigures.size() > SEASONS_KEPT) {
            seasonFigures.remove(seasonFigures.keySet().iterator().next());
        }
        return figures;
    }

    /**
     * The figures of every unit in a planning scenario: the live layers, current with every committed write, with the
     * scenario's assumptions applied; each target's status judged for the scenario's year. The scenario's variant of
     * the model is kept between calls: a call with assumptions that differ in a few projects or drafts from the last
     * ones recomputes only those features' cells.
     *
     * @param scenario the scenario's id (the key of its kept variant)
     */
    public synchronized List<UnitMetrics> metrics(long scenario, Assumptions assumptions) {
        compute(false);
        ScenarioState state = scenarios.computeIfAbsent(scenario, k -> new ScenarioState());
        if (state.variant == null || !state.variant.isValidOn(model)) {
            state.variant = variantOf(assumptions);
        } else if (state.assumptions != assumptions) {
            Set<ModelVariant.Key> changed = state.assumptions.differences(assumptions);
            if (changed == null) {
                state.variant = variantOf(assumptions);
            } else {
                for (ModelVariant.Key key : changed) {
                    reapply(state.variant, assumptions, key,
                            key.id() < 0 ? Optional.empty() : store.get(catalog.get(key.layer()), key.id()));
                }
            }
        }
        state.assumptions = assumptions;
        while (scenarios.size() > SCENARIOS_KEPT) {
            scenarios.remove(scenarios.keySet().iterator().next());
        }
        if (state.figures == null || state.figuresOf != assumptions || !applied.equals(state.figuresApplied)) {
            state.figures = state.variant.compute(assumptions.year());
            state.figuresOf = assumptions;
            state.figuresApplied = applied;
        }
        return state.figures;
    }

    /** Drops what is kept of a scenario (it was deleted). */
    public synchronized void forget(long scenario) {
        scenarios.remove(scenario);
    }

    /** The number of features each kept scenario holds otherwise than the live model, by scenario (benchmarks). */
    public synchronized Map<Long, Integer> scenarioSizes() {
        Map<Long, Integer> out = new LinkedHashMap<>();
        scenarios.forEach((id, s) -> out.put(id, s.variant == null ? 0 : s.variant.size()));
        return out;
    }

    /** A variant of the current model with every feature the assumptions change. */
    private ModelVariant variantOf(Assumptions a) {
        long started = System.nanoTime();
        ModelVariant v = new ModelVariant(model);
        Map<ModelVariant.Key, Boolean> seen = new HashMap<>();
        List<Feature> put = new ArrayList<>();
        java.util.function.Consumer<Feature> consider = live -> {
            if (seen.put(new ModelVariant.Key(live.layer(), live.id()), Boolean.TRUE) != null) {
                return;
            }
            Optional<Feature> made = a.apply(live);
            if (made.isEmpty()) {
                v.remove(live.layer(), live.id());
            } else if (made.get() != live) {
                put.add(made.get());
            }
        };
        a.countAsDone().forEach((layer, statuses) -> store.forEach(catalog.get(layer),
                List.of(AttributeFilter.in("status", List.copyOf(statuses))), consider));
        a.namedFeatures().forEach((layer, ids) -> {
            for (long id : ids) {
                if (!seen.containsKey(new ModelVariant.Key(layer, id))) {
                    store.get(catalog.get(layer), id).ifPresent(consider);
                }
            }
        });
        put.addAll(a.added());
        v.putAll(put);
        LOG.debug("scenario variant built in {} ms: {} features changed", (System.nanoTime() - started) / 1_000_000,
                v.size());
        return v;
    }

    /** Brings one feature of a variant in line with the assumptions and the live feature as it is now. */
    private static void reapply(ModelVariant v, Assumptions a, ModelVariant.Key key, Optional<Feature> live) {
        if (key.id() < 0) {
            Optional<Feature> added = a.added(key);
            if (added.isPresent()) {
                v.put(added.get());
            } else {
                v.reset(key.layer(), key.id());
            }
            return;
        }
        if (live.isEmpty()) {
            // deleted live: a draft of it is in conflict, and there is nothing to count as done
            v.reset(key.layer(), key.id());
            return;
        }
        Optional<Feature> made = a.apply(live.get());
        if (made.isEmpty()) {
            v.remove(key.layer(), key.id());
        } else if (made.get() == live.get()) {
            v.reset(key.layer(), key.id());
        } else {
            v.put(made.get());
        }
    }

    // --- candidate sites -------------------------------------------------------------------------------------------

    /**
     * What each candidate would add inside a unit, live or in a scenario: its part inside the unit less what already
     * counts there ({@link AddedAreaOp}). Ground areas (m², CGCS2000 ellipsoid, through the equal-area plane).
     *
     * @param scenario the scenario's id, or null for the live layers
     * @param assumptions the scenario's assumptions (ignored when {@code scenario} is null)
     * @param candidates the features (longitude/latitude polygons)
     * @param counted what the added area is measured against
     * @return what each candidate adds, in the order given
     * @throws ProblemException 404 when there is no such unit
     */
    public synchronized List<AddedAreaOp.Added> additions(String kind, String code, Long scenario,
                                                          Assumptions assumptions, List<Feature> candidates,
                                                          Set<Counted> counted) {
        ModelVariant variant = view(scenario, assumptions);
        int u = model.unitIndex(kind, code);
        if (u < 0) {
            throw ProblemException.notFound("unknown-unit", "there is no unit " + kind + " '" + code + "'");
        }
        AddedAreaOp op = new AddedAreaOp(model.partition(), u);
        IndicatorModel m = model;
        FreeAreas free = freeAreas(new FreeKey(m, applied, scenario, scenario == null ? null
                : scenarios.get(scenario).assumptions, Set.copyOf(counted)));
        return candidates.parallelStream().map(f -> op.added(free.of(f), c -> free.counted(c, variant))).toList();
    }

    /**
     * What the free areas of candidates are worked out against: the model and the changes it holds, the scenario and
     * its assumptions, and what counts. While these stay, a candidate's free area stays.
     */
    private record FreeKey(IndicatorModel model, Map<String, Long> applied, Long scenario, Assumptions assumptions,
                           Set<Counted> counted) {
    }

    /**
     * Candidates cut along the grid, their pieces less what counts worked out as the units ask for them
     * ({@link AddedAreaOp.FreeCut}), by feature and version, for one {@link FreeKey}; and what counts per cell. The
     * units asked for one after another (a street, its zones, the district) share them: a candidate's piece is
     * overlaid with what counts in its cell once. Thread-safe.
     */
    private static final class FreeAreas {
        private final FreeKey key;
        private final Map<ModelVariant.Key, Map.Entry<Long, AddedAreaOp.FreeCut>> byFeature =
                new ConcurrentHashMap<>();
        private final Map<Integer, List<org.locationtech.jts.geom.Geometry>> byCell = new ConcurrentHashMap<>();

        FreeAreas(FreeKey key) {
            this.key = key;
        }

        AddedAreaOp.FreeCut of(Feature f) {
            ModelVariant.Key k = new ModelVariant.Key(f.layer(), f.id());
            Map.Entry<Long, AddedAreaOp.FreeCut> kept = byFeature.get(k);
            if (kept != null && kept.getKey() == f.version()) {
                return kept.getValue();
            }
            AddedAreaOp.FreeCut cut = new AddedAreaOp.FreeCut(key.model().cut(f.geometry()));
            byFeature.put(k, Map.entry((long) f.version(), cut));
            return cut;
        }

        List<org.locationtech.jts.geom.Geometry> counted(int cell, ModelVariant variant) {
            return byCell.computeIfAbsent(cell, c -> key.model().counted(key.counted(), variant, c));
        }
    }

    /** The free areas of a key: the last few keys asked for are kept (live and a few scenarios, per indicator). */
    private FreeAreas freeAreas(FreeKey key) {
        FreeAreas kept = freeAreas.remove(key);
        FreeAreas out = kept != null ? kept : new FreeAreas(key);
        freeAreas.put(key, out);
        // what was worked out on another model, or before changes since applied, is stale
        freeAreas.keySet().removeIf(k -> k.model() != model || !k.applied().equals(applied));
        while (freeAreas.size() > FREE_AREAS_KEPT) {
            freeAreas.remove(freeAreas.keySet().iterator().next());
        }
        return out;
    }

    /**
     * Each feature's polygon less what counts under it, live or in a scenario, over the whole feature (not one unit):
     * the shape of a new feature drawn on it that overlaps nothing counted (e.g. a forest plot on a bare parcel).
     *
     * @return longitude/latitude polygons (empty where nothing is left), in the order given
     */
    public synchronized List<org.locationtech.jts.geom.Geometry> remainders(Long scenario, Assumptions assumptions,
                                                                            List<Feature> features,
                                                                            Set<Counted> counted) {
        ModelVariant variant = view(scenario, assumptions);
        List<org.locationtech.jts.geom.Geometry> out = new ArrayList<>();
        for (Feature f : features) {
            GridCut.Cut cut = model.cut(f.geometry());
            List<org.locationtech.jts.geom.Geometry> taken = new ArrayList<>();
            for (int cell : cut.cells()) {
                taken.addAll(model.counted(counted, variant, cell));
            }
            // the whole polygon less the counted parts (each within its cell): no seams along the grid
            out.add(EqualAreaProjection.DONGLI.unproject(AddedAreaOp.less(EqualAreaProjection.DONGLI.project(
                    f.geometry()), taken)));
        }
        return out;
    }

    /** The scenario's variant brought up to date (null for the live model, which is brought up to date too). */
    private ModelVariant view(Long scenario, Assumptions assumptions) {
        if (scenario == null) {
            compute(false);
            return null;
        }
        metrics(scenario, assumptions);
        return scenarios.get(scenario).variant;
    }

    /** A unit's name and polygon (CGCS2000 longitude/latitude), as the engine uses it. */
    public record UnitShape(UnitRef ref, org.locationtech.jts.geom.Geometry geometry) {
    }

    /** Every unit with its polygon, current with every committed write. */
    public synchronized List<UnitShape> units() {
        metrics(false);
        return model.unitShapes();
    }

    /** The figures of one unit. */
    public Optional<UnitMetrics> unit(String kind, String code) {
        return metrics(false).stream().filter(m -> m.unit().equals(kind) && m.code().equals(code)).findFirst();
    }

    private void sync() {
        Map<String, Long> now = store.lastChanges(catalog.all());
        if (now.equals(applied)) {
            return;
        }
        List<LayerChange> changes = new ArrayList<>();
        Map<String, Long> reached = new HashMap<>(now);
        for (Layer layer : catalog.all()) {
            long seen = applied.getOrDefault(layer.name(), 0L);
            if (now.getOrDefault(layer.name(), 0L) != seen) {
                for (LayerChange c : store.changesSince(layer, seen)) {
                    changes.add(c);
                    reached.merge(layer.name(), c.seq(), Math::max);
                }
            }
        }
        boolean reloadAll = changes.stream().anyMatch(c -> c.featureId() == null);
        if (reloadAll) {
            LOG.info("a layer was imported: rebuilding the indicator model");
            rebuild();
            return;
        }
        boolean unitsChanged = false;
        for (LayerChange c : changes) {
            Layer layer = catalog.find(c.layer()).orElse(null);
            if (layer == null) {
                continue;
            }
            Optional<Feature> current = c.op() == 'D' ? Optional.empty() : store.get(layer, c.featureId());
            if (current.isPresent()) {
                boolean unitLayer = isUnitLayer(layer.name());
                if (unitLayer && !model.covers(current.get().geometry())) {
                    LOG.info("a unit grew beyond the engine's grid: rebuilding the indicator model");
                    rebuild();
                    return;
                }
                model.put(current.get());
                unitsChanged |= unitLayer;
            } else {
                model.remove(layer.name(), c.featureId());
                unitsChanged |= isUnitLayer(layer.name());
            }
            if (!isUnitLayer(layer.name())) {
                for (ScenarioState state : scenarios.values()) {
                    if (state.variant != null && state.variant.isValidOn(model)) {
                        reapply(state.variant, state.assumptions, new ModelVariant.Key(layer.name(), c.featureId()),
                                current);
                    }
                }
            }
        }
        if (unitsChanged) {
            model.rebuildUnits();
        }
        applied = Map.copyOf(reached);
        results = null;
    }

    private List<Feature> all(String layer) {
        List<Feature> features = new ArrayList<>();
        store.forEach(catalog.get(layer), features::add);
        return features;
    }

    private static boolean isUnitLayer(String layer) {
        return layer.equals(LayerCatalog.ZONES) || layer.equals(LayerCatalog.STREETS);
    }

    private void rebuild() {
        long started = System.nanoTime();
        Map<String, Long> seq = store.lastChanges(catalog.all());
        long parameters = carbon.version();
        long areaPolygons = IndicatorModel.areaLayers().stream().mapToLong(l -> store.count(catalog.get(l))).sum();
        IndicatorModel fresh = IndicatorModel.start(definitions, carbon.tonnesCarbonPerM3(), all(LayerCatalog.STREETS),
                all(LayerCatalog.ZONES), areaPolygons);
        // the other layers stream into the model: their features are never all held at once
        for (Layer layer : catalog.all()) {
            if (!isUnitLayer(layer.name())) {
                List<Feature> batch = new ArrayList<>(BATCH);
                store.forEach(layer, IndicatorModel.needed(definitions, layer.name()), f -> {
                    batch.add(f);
                    if (batch.size() == BATCH) {
                        fresh.putAll(batch);
                        batch.clear();
                    }
                });
                fresh.putAll(batch);
            }
        }
        this.model = fresh;
        this.applied = Map.copyOf(seq);
        this.carbonVersion = parameters;
        this.results = null;
        LOG.info("indicator model built in {} ms: {}", (System.nanoTime() - started) / 1_000_000, fresh);
    }
}
