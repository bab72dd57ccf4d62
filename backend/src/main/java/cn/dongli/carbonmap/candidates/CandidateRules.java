package cn.dongli.carbonmap.candidates;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import cn.dongli.carbonmap.metrics.MetricsDefinitions;

/**
 * Which features may be converted to what, per indicator (候选地块的转换规则): configuration under
 * {@code carbonmap.candidates.*}, with the defaults a planner expects. The defaults respect farmland protection
 * (耕地保护): cropland is never converted to anything else, and the area of high-standard farmland projects (of any
 * status the engine reads) is never counted as convertible; a configuration that would convert cropland is refused
 * at start. Cropland is a source of one thing only: a new high-standard farmland project on it (高标准农田建设, which
 * upgrades farmland and keeps it farmland).
 *
 * @param blueGreenShare the rules for 蓝绿空间占比 (default: bare land → park and green space)
 * @param forestCover the rules for 森林覆盖率 (default: bare land and grassland → a new forest plot, and plots whose
 *                    canopy closure is below the forest threshold → raised to it)
 * @param farmlandMu the rules for 高标准农田 (default: farmland projects not yet counted as built → built, and cropland
 *                   no project covers → a new project on it)
 * @param listLimit candidates listed in an answer when the caller gives no limit
 * @param maxListLimit most candidates an answer lists (exports list all)
 */
public record CandidateRules(List<Rule> blueGreenShare, List<Rule> forestCover, List<Rule> farmlandMu,
                             Integer listLimit, Integer maxListLimit) {

    /** What a land-cover rule may turn a parcel into besides a land-cover class: a new forest plot on it. */
    public static final String NEW_FOREST_PLOT = "forest_plot";
    /** What a forest-plot rule does: raise the plot's canopy closure. */
    public static final String RAISE_CANOPY = "canopy";
    /** What a land-cover rule of farmland turns cropland into: a new high-standard farmland project on it. */
    public static final String NEW_FARMLAND = "farmland_project";
    /** What a farmland rule does: the project is built and accepted (the first status counted as built). */
    public static final String BUILT = "built";

    private static final Set<String> LAND_COVER_CLASSES = Set.of("forest", "cropland", "orchard", "grassland", "water",
            "wetland", "park_green", "built", "road", "bare");
    private static final String PROTECTED = "cropland";
    /** Land a new high-standard farmland project may be built on: cultivated land, or bare land reclaimed (复垦). */
    private static final Set<String> FARMLAND_LAND = Set.of("cropland", "orchard", "bare");
    private static final List<String> FARMLAND_STATUSES = List.of("planned", "under_construction", "accepted");

    /**
     * One conversion.
     *
     * @param layer {@code land_cover}, {@code forest_plots} or {@code farmland}
     * @param classes for land cover: the classes that may be converted
     * @param sourceCodes for land cover, if not empty: only parcels whose original land-use code ({@code source_code})
     *                    is one of these (e.g. the code the district gives built-up land pending demolition)
     * @param statuses for farmland projects: the statuses of the projects that may be completed (default: every
     *                 status not counted as built)
     * @param canopyBelow for forest plots: plots whose canopy closure is below this (default: the forest threshold)
     * @param becomes for land cover: a land-cover class, {@value #NEW_FOREST_PLOT} or {@value #NEW_FARMLAND}; for
     *                forest plots {@value #RAISE_CANOPY}; for farmland projects {@value #BUILT}
     * @param species the species of a new forest plot (default {@code other})
     * @param canopyClosure the canopy closure of a new plot or a raised one (default: the forest threshold)
     */
    public record Rule(String layer, List<String> classes, List<String> sourceCodes, List<String> statuses,
                       Double canopyBelow, String becomes, String species, Double canopyClosure) {

        public Rule {
            classes = classes == null ? List.of() : List.copyOf(classes);
            sourceCodes = sourceCodes == null ? List.of() : List.copyOf(sourceCodes);
            statuses = statuses == null ? List.of() : List.copyOf(statuses);
        }

        /** A rule of land-cover parcels. */
        static Rule landCover(List<String> classes, String becomes) {
            return new Rule("land_cover", classes, null, null, null, becomes, null, null);
        }

        /** Whether the rule converts land-cover parcels (else forest plots). */
        public boolean onLandCover() {
            return "land_cover".equals(layer);
        }
    }

    public CandidateRules {
        blueGreenShare = blueGreenShare == null || blueGreenShare.isEmpty()
                ? List.of(Rule.landCover(List.of("bare"), "park_green"))
                : List.copyOf(blueGreenShare);
        forestCover = forestCover == null || forestCover.isEmpty()
                ? List.of(Rule.landCover(List.of("bare", "grassland"), NEW_FOREST_PLOT),
                        new Rule("forest_plots", null, null, null, null, RAISE_CANOPY, null, null))
                : List.copyOf(forestCover);
        farmlandMu = farmlandMu == null || farmlandMu.isEmpty()
                ? List.of(new Rule("farmland", null, null, null, null, BUILT, null, null),
                        Rule.landCover(List.of(PROTECTED), NEW_FARMLAND))
                : List.copyOf(farmlandMu);
        listLimit = listLimit == null ? 500 : listLimit;
        maxListLimit = maxListLimit == null ? 5000 : maxListLimit;
    }

    /** The defaults. */
    public static CandidateRules defaults() {
        return new CandidateRules(null, null, null, null, null);
    }

    /** The indicators candidates are found for. */
    public static final List<String> INDICATORS = List.of("blueGreenShare", "forestCover", "farmlandMu");

    /** The rules of an indicator (one of {@link #INDICATORS}). */
    public List<Rule> of(String indicator) {
        return switch (indicator) {
            case "forestCover" -> forestCover;
            case "farmlandMu" -> farmlandMu;
            default -> blueGreenShare;
        };
    }

    /** Whether the indicator's target is an area (亩 of farmland) rather than a share of the unit's area. */
    public static boolean isArea(String indicator) {
        return indicator.equals("farmlandMu");
    }

    /**
     * The rules with the engine's thresholds filled in.
     *
     * @throws IllegalStateException naming the rule, if one converts cropland, names an unknown class, status or
     *                               layer, or turns land into something that does not count for its indicator
     */
    public CandidateRules checked(MetricsDefinitions defs) {
        return new CandidateRules(checked("blueGreenShare", blueGreenShare, defs),
                checked("forestCover", forestCover, defs), checked("farmlandMu", farmlandMu, defs), listLimit,
                maxListLimit);
    }

    private static List<Rule> checked(String indicator, List<Rule> rules, MetricsDefinitions defs) {
        List<Rule> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            String where = "carbonmap.candidates." + indicator + "[" + i + "]";
            double threshold = defs.forestCanopyMin();
            if (r.onLandCover()) {
                if (r.classes().isEmpty()) {
                    throw new IllegalStateException(where + ": name the land-cover classes that may be converted");
                }
                for (String c : r.classes()) {
                    if (!LAND_COVER_CLASSES.contains(c)) {
                        throw new IllegalStateException(where + ": '" + c + "' is not a land-cover class");
                    }
                    if (c.equals(PROTECTED) && !NEW_FARMLAND.equals(r.becomes())) {
                        throw new IllegalStateException(where + ": cropland is protected (耕地保护) and is never"
                                + " proposed for conversion");
                    }
                }
                if (indicator.equals("farmlandMu") != NEW_FARMLAND.equals(r.becomes())) {
                    throw new IllegalStateException(where + ": " + (indicator.equals("farmlandMu")
                            ? "a land-cover rule of farmlandMu becomes '" + NEW_FARMLAND + "' (a new high-standard"
                            + " farmland project on the parcel)"
                            : "only farmlandMu puts new high-standard farmland projects on land"));
                }
                if (NEW_FARMLAND.equals(r.becomes()) && !FARMLAND_LAND.containsAll(r.classes())) {
                    throw new IllegalStateException(where + ": high-standard farmland is built on cultivated or"
                            + " reclaimed land " + FARMLAND_LAND + ", not on " + r.classes());
                }
                if (indicator.equals("blueGreenShare") && !defs.blueGreenLandCover().contains(r.becomes())) {
                    throw new IllegalStateException(where + ": becomes '" + r.becomes() + "', which is not a blue-green"
                            + " land-cover class " + defs.blueGreenLandCover());
                }
                if (indicator.equals("blueGreenShare") && r.becomes().equals(PROTECTED)) {
                    throw new IllegalStateException(where + ": land does not become cropland in a scenario");
                }
                if (indicator.equals("forestCover") && !NEW_FOREST_PLOT.equals(r.becomes())) {
                    throw new IllegalStateException(where + ": forest cover counts forest plots only: a land-cover"
                            + " rule of forestCover becomes '" + NEW_FOREST_PLOT + "'");
                }
                double canopy = r.canopyClosure() == null ? threshold : r.canopyClosure();
                if (NEW_FOREST_PLOT.equals(r.becomes()) && (canopy < threshold || canopy > 1)) {
                    throw new IllegalStateException(where + ": a new plot's canopy closure must be between the forest"
                            + " threshold " + threshold + " and 1");
                }
                out.add(NEW_FARMLAND.equals(r.becomes())
                        ? new Rule(r.layer(), r.classes(), r.sourceCodes(), null, null, r.becomes(), null, null)
                        : new Rule(r.layer(), r.classes(), r.sourceCodes(), null, null, r.becomes(),
                        r.species() == null ? "other" : r.species(), canopy));
            } else if ("forest_plots".equals(r.layer())) {
                if (!indicator.equals("forestCover") || !RAISE_CANOPY.equals(r.becomes())) {
                    throw new IllegalStateException(where + ": forest plots are candidates of forestCover only, by"
                            + " raising their canopy closure (becomes '" + RAISE_CANOPY + "')");
                }
                double below = r.canopyBelow() == null ? threshold : r.canopyBelow();
                double canopy = r.canopyClosure() == null ? threshold : r.canopyClosure();
                if (below > threshold || canopy < threshold || canopy > 1) {
                    throw new IllegalStateException(where + ": plots below " + below + " raised to " + canopy
                            + " would not become forest (threshold " + threshold + ")");
                }
                out.add(new Rule(r.layer(), List.of(), List.of(), null, below, r.becomes(), null, canopy));
            } else if ("farmland".equals(r.layer())) {
                if (!indicator.equals("farmlandMu") || !BUILT.equals(r.becomes())) {
                    throw new IllegalStateException(where + ": farmland projects are candidates of farmlandMu only, by"
                            + " being built (becomes '" + BUILT + "')");
                }
                List<String> statuses = r.statuses().isEmpty()
                        ? FARMLAND_STATUSES.stream().filter(x -> !defs.farmlandStatuses().contains(x)).toList()
                        : r.statuses();
                for (String x : statuses) {
                    if (!FARMLAND_STATUSES.contains(x) || defs.farmlandStatuses().contains(x)) {
                        throw new IllegalStateException(where + ": '" + x + "' is not a status of a farmland project"
                                + " still to be built " + FARMLAND_STATUSES + ", less " + defs.farmlandStatuses());
                    }
                }
                out.add(new Rule(r.layer(), List.of(), List.of(), statuses, null, r.becomes(), null, null));
            } else {
                throw new IllegalStateException(where + ": layer '" + r.layer() + "' has no candidates (land_cover,"
                        + " forest_plots or farmland)");
            }
        }
        return out;
    }
}
