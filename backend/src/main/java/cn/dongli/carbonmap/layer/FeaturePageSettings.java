package cn.dongli.carbonmap.layer;

/**
 * How many rendered feature pages are kept.
 *
 * @param cacheBytes byte budget of the gzipped pages kept in memory; zero keeps none
 */
public record FeaturePageSettings(long cacheBytes) {
}
