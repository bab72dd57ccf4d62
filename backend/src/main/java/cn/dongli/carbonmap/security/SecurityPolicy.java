package cn.dongli.carbonmap.security;

/**
 * The configurable parts of the security rules.
 *
 * @param anonymousRead whether anonymous users may read (the district shows the map to its street offices)
 */
public record SecurityPolicy(boolean anonymousRead) {
}
