package cn.dongli.carbonmap.candidates;

import java.lang.ref.SoftReference;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.springframework.stereotype.Component;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.geom.AddedAreaOp;
import cn.dongli.carbonmap.geom.EqualAreaProjection;
import cn.dongli.carbonmap.geom.Geometries;
import cn.dongli.carbonmap.geom.GreedyCoverOp;
import cn.dongli.carbonmap.layer.AttributeFilter;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.metrics.Assumptions;
import cn.dongli.carbonmap.metrics.Counted;
import cn.dongli.carbonmap.metrics.MetricsDefinitions;
import cn.dongli.carbonmap.metrics.MetricsEngine;
import cn.dongli.carbonmap.metrics.PlanTarget;
import cn.dongli.carbonmap.metrics.UnitMetrics;
import cn.dongli.carbonmap.scenario.ScenarioViews;
import tools.jackson.databind.JsonNode;

/**
 * Candidate sites (候选地块): per unit and indicator (blue-green share, forest cover, high-standard farmland), the
 * features the rules allow converting, what each would add inside the unit after what already counts, ranked, and the
 * greedy set of the largest that closes the unit's gap — live or in a scenario (whose drafts and counted projects then
 * count, and whose drafted features are not offered again). A candidate set becomes draft edits of a scenario, whose
 * figures the engine then computes.
 */
@Component
public class CandidateSites {

    /** Polygons of a new plot or project smaller than this (m²) are overlay remnants along edges, not land. */
    private static final double MIN_PART_M2 = 1.0;

    private static final Set<String> UNIT_KINDS = Set.of("zone", "level", "barrier", "street", "district");

    private final MetricsEngine engine;
    private final FeatureStore store;
    private final LayerCatalog catalog;
    private final CandidateRules rules;
    private final ScenarioViews scenarios;
    private final Map<CandidateRules.Rule, SoftReference<Read>> reads = new ConcurrentHashMap<>();

    CandidateSites(MetricsEngine engine, FeatureStore store, LayerCatalog catalog, CandidateRules rules,
                   ScenarioViews scenarios) {
        this.engine = engine;
        this.store = store;
        this.catalog = catalog;
        this.rules = rules.checked(engine.definitions());
        this.scenarios = scenarios;
    }

    /** The rules in force, thresholds filled in. */
    public CandidateRules rules() {
        return rules;
    }

    /** The status a farmland project is given when a candidate set builds it: the first counted as built. */
    public String builtFarmlandStatus() {
        return engine.definitions().farmlandStatuses().get(0);
    }

    /**
     * A candidate.
     *
     * @param feature the feature as it is (live, or as the scenario has it)
     * @param rule the rule that makes it a candidate
     * @param featureAreaM2 its whole ground area
     * @param added what it adds inside the unit
     */
    public record Candidate(Feature feature, CandidateRules.Rule rule, double featureAreaM2, AddedAreaOp.Added added) {

        /** The attribute that says what it is now: a parcel's class, a plot's canopy closure, a project's status. */
        public String fromAttribute() {
            return switch (feature.layer()) {
                case LayerCatalog.FOREST_PLOTS -> "canopy_closure";
                case LayerCatalog.FARMLAND -> "status";
                default -> "class";
            };
        }

        /** That attribute's value. */
        public Object fromValue() {
            return feature.attributes().get(fromAttribute());
        }

        /** What it is now in words: its land-cover class, else the attribute and its value. */
        public String from() {
            return rule.onLandCover() ? String.valueOf(fromValue()) : fromAttribute() + " " + fromValue();
        }
    }

    /**
     * A ranked candidate.
     *
     * @param rank 1 for the one that adds most
     * @param candidate the candidate
     * @param marginalM2 for a member of the closing set, what it adds beyond the members chosen before it; else null
     */
    public record Ranked(int rank, Candidate candidate, Double marginalM2) {

        public boolean inClosingSet() {
            return marginalM2 != null;
        }
    }

    /**
     * The candidates of a unit.
     *
     * @param unit the unit's figures (live or in the scenario)
     * @param indicator one of {@link CandidateRules#INDICATORS}
     * @param scenario the scenario, or null for the live layers
     * @param target the share aimed at, or for an area indicator (farmlandMu) the 亩 aimed at
     * @param targetYear the year of the plan's target, or null when the target was given
     * @param targetFrom {@code plan} (the unit's own target), {@code plan-elsewhere} (the plan's lowest target of the
     *                   share, for a unit the plan sets none for), {@code plan-district} (an area the plan sets for the
     *                   district only: the gap is the district's, the candidates the unit's) or {@code request}
     * @param haveM2 what counts now (the district's, for {@code plan-district})
     * @param gapM2 what is missing to the target (0 when reached)
     * @param ranked every candidate adding something, largest first
     * @param closing the closing set in the order chosen (indices into {@code ranked})
     * @param closingAddedM2 what the closing set adds (overlaps counted once)
     */
    public record Answer(UnitMetrics unit, String indicator, ScenarioViews.View scenario, double target,
                         Integer targetYear, String targetFrom, double haveM2, double gapM2, List<Ranked> ranked,
                         List<Integer> closing, double closingAddedM2) {

        public boolean closesGap() {
            return closingAddedM2 >= gapM2 - 1e-6;
        }

        public double remainingGapM2() {
            return Math.max(0, gapM2 - closingAddedM2);
        }
    }

    /**
     * The candidates of a unit for an indicator.
     *
     * @param scenario a scenario's id, or null for the live layers
     * @param target a share to aim at instead of the plan's target, or null
     * @throws ProblemException 400 for an unknown indicator, unit kind or a target outside (0, 1]; 404 for an unknown
     *                          unit or scenario
     */
    public Answer find(String kind, String code, String indicator, Long scenario, Double target) {
        if (indicator == null || !CandidateRules.INDICATORS.contains(indicator)) {
            throw ProblemException.badRequest("invalid-parameter", "indicator must be one of "
                    + CandidateRules.INDICATORS + ", not '" + indicator + "'");
        }
        if (kind == null || !UNIT_KINDS.contains(kind)) {
            throw ProblemException.badRequest("invalid-parameter", "unit must be one of " + UNIT_KINDS + ", not '"
                    + kind + "'");
        }
        if (code == null || code.isBlank()) {
            throw ProblemException.badRequest("invalid-parameter", "code names the unit, e.g. code=L1");
        }
        boolean area = CandidateRules.isArea(indicator);
        if (target != null && area && !(target > 0 && target < 1e9)) {
            throw ProblemException.badRequest("invalid-parameter", "target of " + indicator + " is an area in 亩"
                    + " above 0, not " + target);
        }
        if (target != null && !area && !(target > 0 && target <= 1)) {
            throw ProblemException.badRequest("invalid-parameter", "target is a share between 0 and 1, not " + target);
        }
        ScenarioViews.View view = scenario == null ? null : scenarios.readable(scenario);
        List<UnitMetrics> figures = view == null ? engine.metrics(false) : scenarios.metrics(view);
        UnitMetrics unit = figures.stream().filter(m -> m.unit().equals(kind) && m.code().equals(code)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("unknown-unit", "there is no unit " + kind + " '" + code
                        + "'"));
        double aim;
        Integer year = null;
        String from;
        UnitMetrics.TargetStatus own = unit.targets().stream().filter(t -> t.indicator().equals(indicator)).findFirst()
                .orElse(null);
        if (target != null) {
            aim = target;
            from = "request";
        } else if (own != null) {
            aim = own.target();
            year = own.year();
            from = "plan";
        } else if (area) {
            UnitMetrics.TargetStatus district = figures.stream().filter(m -> m.unit().equals("district"))
                    .flatMap(m -> m.targets().stream()).filter(t -> t.indicator().equals(indicator)).findFirst()
                    .orElseThrow(() -> new ProblemException(422, "no-target", "No target", "the plan sets no"
                            + " district target of " + indicator + ": give target=… (亩)"));
            aim = district.target();
            year = district.year();
            from = "plan-district";
        } else {
            PlanTarget lowest = engine.definitions().targets().stream().filter(t -> t.indicator().equals(indicator))
                    .min(Comparator.comparingDouble(PlanTarget::target)).orElseThrow(() -> new ProblemException(422,
                            "no-target", "No target", "the plan sets no target of " + indicator + ": give target=…"));
            aim = lowest.target();
            year = lowest.year();
            from = "plan-elsewhere";
        }
        UnitMetrics measured = from.equals("plan-district")
                ? figures.stream().filter(m -> m.unit().equals("district")).findFirst().orElseThrow() : unit;
        double have = switch (indicator) {
            case "forestCover" -> measured.forestM2();
            case "farmlandMu" -> measured.farmlandM2();
            default -> measured.blueGreenM2();
        };
        double gap = Math.max(0, (area ? aim * MetricsDefinitions.M2_PER_MU : aim * measured.areaM2()) - have);

        List<Candidate> all = candidates(unit, indicator, view);
        List<Candidate> adding = all.stream().filter(c -> c.added().area() > 0)
                .sorted(Comparator.comparingDouble((Candidate c) -> -c.added().area())
                        .thenComparing(c -> c.feature().layer()).thenComparingLong(c -> c.feature().id()))
                .toList();
        // each layer refuses overlaps between its own features: only candidates of different layers may overlap
        int[] layerOf = adding.stream().mapToInt(c -> c.feature().layer().equals(LayerCatalog.LAND_COVER) ? 0 : 1)
                .toArray();
        List<GreedyCoverOp.Choice> choices = GreedyCoverOp.cover(adding.stream().map(Candidate::added).toList(),
                layerOf, gap);
        Map<Integer, Double> gains = new HashMap<>();
        List<Integer> closing = new ArrayList<>();
        double total = 0;
        for (GreedyCoverOp.Choice c : choices) {
            gains.put(c.index(), c.gain());
            closing.add(c.index());
            total += c.gain();
        }
        List<Ranked> ranked = new ArrayList<>(adding.size());
        for (int i = 0; i < adding.size(); i++) {
            ranked.add(new Ranked(i + 1, adding.get(i), gains.get(i)));
        }
        return new Answer(unit, indicator, view, aim, year, from, have, gap, ranked, closing, total);
    }

    /** Every candidate of the unit, with what it adds (possibly nothing). */
    private List<Candidate> candidates(UnitMetrics unit, String indicator, ScenarioViews.View view) {
        Envelope box = new Envelope(unit.bbox()[0], unit.bbox()[2], unit.bbox()[1], unit.bbox()[3]);
        Assumptions assumptions = view == null ? null : view.assumptions();
        Set<String> seen = new HashSet<>();
        List<Candidate> out = new ArrayList<>();
        for (CandidateRules.Rule rule : rules.of(indicator)) {
            Layer layer = catalog.get(rule.layer());
            List<Feature> features = new ArrayList<>();
            List<AttributeFilter> filters = new ArrayList<>();
            if (rule.onLandCover()) {
                filters.add(AttributeFilter.in("class", rule.classes()));
                if (!rule.sourceCodes().isEmpty()) {
                    filters.add(AttributeFilter.in("source_code", rule.sourceCodes()));
                }
            } else if (!rule.statuses().isEmpty()) {
                filters.add(AttributeFilter.in("status", rule.statuses()));
            }
            List<Item> items = new ArrayList<>();
            read(layer, rule, filters).query(box, hit -> {
                Item item = (Item) hit;
                Feature f = item.feature();
                if (!f.geometry().getEnvelopeInternal().intersects(box)) {
                    return;
                }
                if (rule.layer().equals(LayerCatalog.FOREST_PLOTS) && !(f.attributes().get("canopy_closure")
                        instanceof Number n && n.doubleValue() < rule.canopyBelow())) {
                    return;
                }
                // a feature the scenario already drafts is the planner's own: it is not offered again
                if (assumptions != null && assumptions.hasDraftOf(f.layer(), f.id())) {
                    return;
                }
                if (seen.add(f.layer() + "/" + f.id())) {
                    items.add(item);
                    features.add(f);
                }
            });
            List<AddedAreaOp.Added> added = engine.additions(unit.unit(), unit.code(),
                    view == null ? null : view.id(), assumptions, features, counted(indicator, rule));
            for (int i = 0; i < items.size(); i++) {
                out.add(new Candidate(items.get(i).feature(), rule, items.get(i).areaM2(), added.get(i)));
            }
        }
        return out;
    }

    /** A rule's features as read at a change of their layer, with their areas, indexed by envelope. */
    private record Read(Long change, STRtree index) {
    }

    /** A feature a rule may convert, with its whole ground area. */
    private record Item(Feature feature, double areaM2) {
    }

    /**
     * The features a rule may convert, indexed: read once per change of the layer, so that the units asked for one
     * after another (a street, its zones, the district) do not read them again. Held softly: the memory goes back
     * when it is short, and they are read again.
     */
    private STRtree read(Layer layer, CandidateRules.Rule rule, List<AttributeFilter> filters) {
        // the change is read first: a write committed while reading only makes the next request read again
        Long change = store.lastChanges(List.of(layer)).get(layer.name());
        SoftReference<Read> kept = reads.get(rule);
        Read r = kept == null ? null : kept.get();
        if (r == null || !java.util.Objects.equals(r.change(), change)) {
            STRtree index = new STRtree();
            store.forEach(layer, filters, f -> index.insert(f.geometry().getEnvelopeInternal(),
                    new Item(f, EqualAreaProjection.DONGLI.area(f.geometry()))));
            index.build();
            r = new Read(change, index);
            reads.put(rule, new SoftReference<>(r));
        }
        return r.index();
    }

    /**
     * What a candidate's area is measured against: what already counts for the indicator, and the farmland that is
     * never converted; a new forest plot may not overlap any plot, so every plot counts for it; a new farmland
     * project may not overlap any project, and a project still to be built adds what built farmland does not cover.
     */
    static Set<Counted> counted(String indicator, CandidateRules.Rule rule) {
        return switch (indicator) {
            case "blueGreenShare" -> Set.of(Counted.BLUE_GREEN, Counted.FARMLAND);
            case "farmlandMu" -> rule.onLandCover() ? Set.of(Counted.FARMLAND) : Set.of(Counted.FARMLAND_BUILT);
            default -> rule.onLandCover() ? Set.of(Counted.FOREST_PLOTS, Counted.FARMLAND)
                    : Set.of(Counted.FOREST, Counted.FARMLAND);
        };
    }

    /** Whether the candidate becomes a new feature drawn on its free part (a forest plot, a farmland project). */
    private static boolean makesNewFeature(CandidateRules.Rule rule) {
        return CandidateRules.NEW_FOREST_PLOT.equals(rule.becomes())
                || CandidateRules.NEW_FARMLAND.equals(rule.becomes());
    }

    // --- into a scenario ------------------------------------------------------------------------------------------

    /**
     * Turns candidates of a unit into draft edits of a scenario, or of a new one, in one transaction: the closing set,
     * or the candidates named. A land-cover parcel becomes a draft of its change of class, or a new forest plot drawn
     * on its part that no plot or farmland covers; a plot a draft of its raised canopy closure.
     *
     * @param body {@code {unit, code, indicator, [target], [ids: [{layer, id}]], scenario | newScenario}}
     * @throws ProblemException 422 when a named feature is not a candidate, or there is nothing to draft
     */
    public Map<String, Object> toDrafts(JsonNode body) {
        scenarios.checkPlanner();
        if (body == null || !body.isObject()) {
            throw new ProblemException(422, "invalid-body", "Invalid body", "send {unit, code, indicator, scenario or"
                    + " newScenario, [ids]}");
        }
        Long scenario = body.path("scenario").isIntegralNumber() ? body.path("scenario").asLong() : null;
        JsonNode fresh = body.get("newScenario");
        if ((scenario == null) == (fresh == null || !fresh.isObject())) {
            throw new ProblemException(422, "invalid-body", "Invalid body", "name an existing scenario (\"scenario\":"
                    + " id) or describe a new one (\"newScenario\": {\"name\", \"year\"}), not both");
        }
        Double target = body.path("target").isNumber() ? body.path("target").asDouble() : null;
        Answer answer = find(text(body, "unit"), text(body, "code"), text(body, "indicator"), scenario, target);
        List<Ranked> chosen = chosen(answer, body.get("ids"));
        if (chosen.isEmpty()) {
            throw new ProblemException(422, "nothing-to-draft", "Nothing to draft", "the gap of "
                    + answer.unit().name() + " is closed: there is no candidate set to draft");
        }
        int year = answer.scenario() != null ? answer.scenario().year()
                : fresh.path("year").isIntegralNumber() ? fresh.path("year").asInt() : LocalDate.now().getYear();
        // a new feature is drawn on the part of its parcel that nothing it may not overlap covers
        Map<Candidate, Geometry> newShapes = new HashMap<>();
        Map<CandidateRules.Rule, List<Candidate>> byRule = new LinkedHashMap<>();
        chosen.stream().map(Ranked::candidate).filter(c -> makesNewFeature(c.rule()))
                .forEach(c -> byRule.computeIfAbsent(c.rule(), k -> new ArrayList<>()).add(c));
        byRule.forEach((rule, list) -> {
            List<Geometry> shapes = engine.remainders(scenario,
                    answer.scenario() == null ? null : answer.scenario().assumptions(),
                    list.stream().map(Candidate::feature).toList(), counted(answer.indicator(), rule));
            for (int i = 0; i < list.size(); i++) {
                newShapes.put(list.get(i), shapes.get(i));
            }
        });
        String built = builtFarmlandStatus();
        List<ScenarioViews.DraftRequest> requests = new ArrayList<>();
        for (Ranked r : chosen) {
            Candidate c = r.candidate();
            Feature f = c.feature();
            String becomes = c.rule().becomes();
            if (makesNewFeature(c.rule())) {
                Geometry shape = parts(newShapes.get(c));
                if (shape == null) {
                    continue;
                }
                Map<String, Object> p = new LinkedHashMap<>();
                String layer;
                if (CandidateRules.NEW_FARMLAND.equals(becomes)) {
                    layer = LayerCatalog.FARMLAND;
                    p.put("project", "候选高标准农田-" + f.id());
                    p.put("status", built);
                    p.put("year", (long) year);
                } else {
                    layer = LayerCatalog.FOREST_PLOTS;
                    p.put("plot_code", "候选-" + f.id());
                    p.put("species", c.rule().species());
                    p.put("canopy_closure", c.rule().canopyClosure());
                    p.put("planted_year", (long) year);
                    p.put("stock_m3", 0.0);
                }
                requests.add(new ScenarioViews.DraftRequest(catalog.get(layer), null, null, shape, p));
            } else {
                Map<String, Object> p = properties(f);
                if (CandidateRules.RAISE_CANOPY.equals(becomes)) {
                    p.put("canopy_closure", c.rule().canopyClosure());
                } else if (CandidateRules.BUILT.equals(becomes)) {
                    p.put("status", built);
                } else {
                    p.put("class", becomes);
                }
                requests.add(new ScenarioViews.DraftRequest(catalog.get(f.layer()), f.id(), f.version(), f.geometry(),
                        p));
            }
        }
        return scenarios.addDrafts(scenario, fresh, requests);
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || !v.isString() ? null : v.asString();
    }

    private static List<Ranked> chosen(Answer answer, JsonNode ids) {
        if (ids == null || ids.isNull()) {
            return answer.closing().stream().map(i -> answer.ranked().get(i)).toList();
        }
        if (!ids.isArray()) {
            throw new ProblemException(422, "invalid-body", "Invalid body", "ids is a list of {layer, id}");
        }
        Map<String, Ranked> byKey = new HashMap<>();
        for (Ranked r : answer.ranked()) {
            byKey.put(r.candidate().feature().layer() + "/" + r.candidate().feature().id(), r);
        }
        List<Ranked> out = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (JsonNode id : ids) {
            String layer = id.path("layer").isString() ? id.path("layer").asString() : null;
            if (layer == null || !id.path("id").isIntegralNumber()) {
                throw new ProblemException(422, "invalid-body", "Invalid body", "each of ids is {\"layer\": …, \"id\":"
                        + " …}, not " + id);
            }
            String key = layer + "/" + id.path("id").asLong();
            Ranked r = byKey.get(key);
            if (r == null) {
                throw new ProblemException(422, "not-a-candidate", "Not a candidate", "feature " + key + " is not a"
                        + " candidate of " + answer.unit().name() + " for " + answer.indicator() + ": its class or"
                        + " canopy is not convertible, it adds nothing inside the unit, or the scenario drafts it"
                        + " already", Map.of("layer", layer, "id", id.path("id").asLong()));
            }
            if (named.add(key)) {
                out.add(r);
            }
        }
        return out;
    }

    /** A feature's attributes as a GeoJSON Feature's properties (dates as ISO text). */
    private static Map<String, Object> properties(Feature f) {
        Map<String, Object> p = new LinkedHashMap<>();
        f.attributes().forEach((k, v) -> p.put(k, v == null || v instanceof Number || v instanceof Boolean
                || v instanceof String ? v : v.toString()));
        return p;
    }

    /** The polygons of a shape that are land, not overlay remnants; null when none is. */
    private static Geometry parts(Geometry g) {
        if (g == null) {
            return null;
        }
        MultiPolygon all = Geometries.polygons(g, Geometries.STORAGE);
        List<Polygon> kept = new ArrayList<>();
        for (int i = 0; i < all.getNumGeometries(); i++) {
            Polygon p = (Polygon) all.getGeometryN(i);
            if (EqualAreaProjection.DONGLI.area(p) >= MIN_PART_M2) {
                kept.add(p);
            }
        }
        return kept.isEmpty() ? null : Geometries.STORAGE.createMultiPolygon(kept.toArray(Polygon[]::new));
    }
}
