package cn.dongli.carbonmap.ogc;

/**
 * Paging of the OGC API's items.
 *
 * @param defaultLimit features per page when the client asks for no {@code limit}
 * @param maxLimit most features per page; a larger {@code limit} is answered with this many and a {@code next} link
 */
public record OgcSettings(int defaultLimit, int maxLimit) {
}
