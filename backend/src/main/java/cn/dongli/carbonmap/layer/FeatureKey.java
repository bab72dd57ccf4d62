package cn.dongli.carbonmap.layer;

/**
 * A feature's id and version: what it is, without reading its geometry. A feature's stored state changes only with a
 * new version (or a whole-layer change), so a rendering of it can be kept under this key.
 */
public record FeatureKey(long id, int version) {
}
