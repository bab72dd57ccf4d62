package cn.dongli.carbonmap.metrics;

/**
 * What the area a candidate site would add is measured against (候选地块): what already counts for an indicator, or
 * may not be converted at all.
 */
public enum Counted {
    /** Blue-green space as the indicator counts it (蓝绿空间). */
    BLUE_GREEN,
    /** Forest: plots with canopy closure at least the threshold (森林). */
    FOREST,
    /** Every forest plot, whatever its canopy (a new plot may not overlap one: 林地小班). */
    FOREST_PLOTS,
    /** High-standard farmland projects the engine holds, of any status it reads (耕地保护: never converted). */
    FARMLAND,
    /** High-standard farmland counted as built (建成并验收): what the farmland indicator counts. */
    FARMLAND_BUILT
}
