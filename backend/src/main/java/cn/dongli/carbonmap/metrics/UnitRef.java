package cn.dongli.carbonmap.metrics;

/**
 * Which unit a figure belongs to.
 *
 * @param kind {@code zone}, {@code level} (all zones of one control level), {@code barrier} (all control-level
 *             zones), {@code street} or {@code district} (all streets)
 * @param code the zone's or street's code; {@code L1}…{@code L3}, {@code barrier}, {@code district} for aggregates
 * @param name the unit's name, in Chinese
 */
public record UnitRef(String kind, String code, String name) {
}
