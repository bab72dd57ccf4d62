package cn.dongli.carbonmap.metrics;

import java.util.List;

/**
 * The indicators of one unit. Areas are ground areas on the CGCS2000 ellipsoid in m²; shares are fractions 0–1, null
 * when the denominator is 0.
 *
 * @param unit the unit's kind: zone, level, barrier, street, district
 * @param code its code
 * @param name its name
 * @param zoneType for zones: control_level, functional_area, corridor, core or ring
 * @param bbox longitude/latitude bounding box [minLon, minLat, maxLon, maxLat]
 * @param areaM2 the unit's area
 * @param blueGreenM2 blue-green space inside the unit (蓝绿空间), overlaps counted once
 * @param blueGreenShare blueGreenM2 / areaM2 (蓝绿空间占比)
 * @param forestM2 forest (plots with canopy closure ≥ the threshold) inside the unit
 * @param forestCover forestM2 / areaM2 (森林覆盖率)
 * @param forestStockM3 Σ stock × the share of each plot's area inside the unit (森林蓄积量)
 * @param carbonT carbon in the forest plots' biomass, tonnes C: Σ stock × the species' carbon per m³ × the share
 * @param co2T the same as CO₂ (× 44/12), tonnes
 * @param pvEligible new public-institution and factory rooftops whose point-on-surface is in the unit
 * @param pvInstalled of which with PV
 * @param pvCountShare pvInstalled / pvEligible
 * @param pvAreaShare Σ PV area / Σ roof area of the eligible rooftops
 * @param farmlandM2 accepted high-standard farmland inside the unit
 * @param farmlandMu the same in 亩
 * @param targets the plan's targets for this unit, with their status
 */
public record UnitMetrics(String unit, String code, String name, String zoneType, double[] bbox, double areaM2,
                          double blueGreenM2, Double blueGreenShare, double forestM2, Double forestCover,
                          double forestStockM3, double carbonT, double co2T, int pvEligible, int pvInstalled, Double pvCountShare,
                          Double pvAreaShare, double farmlandM2, double farmlandMu, List<TargetStatus> targets) {

    /**
     * A target and where the unit stands.
     *
     * @param indicator the indicator's field name
     * @param title the plan's wording, Chinese and English
     * @param target the value to reach
     * @param year when
     * @param value the unit's current value
     * @param progress value / target (may exceed 1)
     * @param status met, on_track or behind
     * @param office the responsible office
     * @param gap what is missing to reach it, or by how much it is exceeded (null when the unit has nothing to
     *            measure a share against)
     */
    public record TargetStatus(String indicator, java.util.Map<String, String> title, double target, int year,
                               Double value, Double progress, String status, String office, Gap gap) {
    }

    /**
     * The distance to a target in the quantity a planner acts on.
     *
     * @param unit {@code m2} (blue-green space, forest, farmland or PV area: ground m²), {@code m3} (forest stock),
     *             {@code roofs} (rooftops with PV) or {@code t} (tonnes)
     * @param missing how much is still missing (0 when the target is reached)
     * @param exceeded by how much it is exceeded (0 when it is not reached)
     */
    public record Gap(String unit, double missing, double exceeded) {
    }
}
