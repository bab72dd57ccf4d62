package cn.dongli.carbonmap.candidates;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import cn.dongli.carbonmap.metrics.MetricsDefinitions;

/**
 * Which features may be converted to what, per indicator (候选地块的转换规则): configuration under
 * {@code carbonmap.candidates.*}, with the defaults a planner expects. The defaults respect farmland protection
 * (耕地保护): cropland is never a source, and the area of high-standard farmland projects (of any status the engine
 * reads) is never counted as convertible; a configuration that names cropland is refused at start.
 *
 * @param blueGreenShare the rules for 蓝绿空间占比 (default: bare land → park and green space)
 * @param forestCover the rules for 森林覆盖率 (default: bare land and grassland → a new forest plot, and plots whose
 *                    canopy closure is below the forest threshold → raised to it)
 * @param listLimit candidates listed in an answer when the caller gives no limit
 * @param maxListLimit most candidates an answer lists (exports list all)
 */
public record CandidateRules(List<Rule> blueGreenShare, List<Rule> forestCover, Integer listLimit,
                             Integer maxListLimit) {

    /** What a land-cover rule may turn a parcel into besides a land-cover class: a new forest plot on it. */
    public static final String NEW_FOREST_PLOT = "forest_plot";
    /** What a forest-plot rule does: raise the plot's canopy closure. */
    public static final String RAISE_CANOPY = "canopy";

    private static final Set<String> LAND_COVER_CLASSES = Set.of("forest", "cropland", "orchard", "grassland", "water",
            "wetland", "park_green", "built", "road", "bare");
    private static final String PROTECTED = "cropland";

    /**
     * One conversion.
     *
     * @param layer {@code land_cover} or {@code forest_plots}
     * @param classes for land cover: the classes that may be converted
     * @param sourceCodes for land cover, if not empty: only parcels whose original land-use code ({@code source_code})
     *                    is one of these (e.g. the code the district gives built-up land pending demolition)
     * @param canopyBelow for forest plots: plots whose canopy closure is below this (default: the forest threshold)
     * @param becomes for land cover: a land-cover class, or {@value #NEW_FOREST_PLOT}; for forest plots
     *                {@value #RAISE_CANOPY}
     * @param species the species of a new forest plot (default {@code other})
     * @param canopyClosure the canopy closure of a new plot or a raised one (default: the forest threshold)
     */
    public record Rule(String layer, List<String> classes, List<String> sourceCodes, Double canopyBelow,
                       String becomes, String species, Double canopyClosure) {

        public Rule {
            classes = classes == null ? List.of() : List.copyOf(classes);
            sourceCodes = sourceCodes == null ? List.of() : List.copyOf(sourceCodes);
        }

        /** Whether the rule converts land-cover parcels (else forest plots). */
        public boolean onLandCover() {
            return "land_cover".equals(layer);
        }
    }

    public CandidateRules {
        blueGreenShare = blueGreenShare == null || blueGreenShare.isEmpty()
                ? List.of(new Rule("land_cover", List.of("bare"), null, null, "park_green", null, null))
                : List.copyOf(blueGreenShare);
        forestCover = forestCover == null || forestCover.isEmpty()
                ? List.of(new Rule("land_cover", List.of("bare", "grassland"), null, null, NEW_FOREST_PLOT, null, null),
                        new Rule("forest_plots", null, null, null, RAISE_CANOPY, null, null))
                : List.copyOf(forestCover);
        listLimit = listLimit == null ? 500 : listLimit;
        maxListLimit = maxListLimit == null ? 5000 : maxListLimit;
    }

    /** The defaults. */
    public static CandidateRules defaults() {
        return new CandidateRules(null, null, null, null);
    }

    /** The indicators candidates are found for. */
    public static final List<String> INDICATORS = List.of("blueGreenShare", "forestCover");

    /** The rules of an indicator (one of {@link #INDICATORS}). */
    public List<Rule> of(String indicator) {
        return indicator.equals("forestCover") ? forestCover : blueGreenShare;
    }

    /**
     * The rules with the engine's thresholds filled in.
     *
     * @throws IllegalStateException naming the rule, if one converts cropland, names an unknown class or layer, or
     *                               turns land into something that does not count for its indicator
     */
    public CandidateRules checked(MetricsDefinitions defs) {
        return new CandidateRules(checked("blueGreenShare", blueGreenShare, defs),
                checked("forestCover", forestCover, defs), listLimit, maxListLimit);
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
                    if (c.equals(PROTECTED)) {
                        throw new IllegalStateException(where + ": cropland is protected (耕地保护) and is never"
                                + " proposed for conversion");
                    }
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
                out.add(new Rule(r.layer(), r.classes(), r.sourceCodes(), null, r.becomes(),
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
                out.add(new Rule(r.layer(), List.of(), List.of(), below, r.becomes(), null, canopy));
            } else {
                throw new IllegalStateException(where + ": layer '" + r.layer() + "' has no candidates (land_cover or"
                        + " forest_plots)");
            }
        }
        return out;
    }
}
