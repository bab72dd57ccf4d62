package cn.dongli.carbonmap.metrics;

/**
 * One target of the carbon-peak plan for a unit.
 *
 * @param indicator the indicator's field name in {@link UnitMetrics}, e.g. {@code blueGreenShare}
 * @param unit which units it applies to: {@code barrier}, {@code level:1}, {@code district}, {@code zone:CODE},
 *             {@code street:CODE} or {@code street:*}
 * @param target the value to reach (a fraction for shares, m³ for stock, 亩 for farmland)
 * @param year the year it is due
 * @param titleZh the plan's wording, in Chinese
 * @param titleEn in English
 * @param office the responsible office (责任单位)
 */
public record PlanTarget(String indicator, String unit, double target, int year, String titleZh, String titleEn,
                         String office) {

    /** Whether the target applies to a unit. */
    boolean appliesTo(UnitRef ref) {
        return switch (unit) {
            case "barrier" -> ref.kind().equals("barrier");
            case "district" -> ref.kind().equals("district");
            case "street:*" -> ref.kind().equals("street");
            default -> {
                if (unit.startsWith("level:")) {
                    yield ref.kind().equals("level") && ref.code().equals("L" + unit.substring(6));
                }
                int colon = unit.indexOf(':');
                yield colon > 0 && ref.kind().equals(unit.substring(0, colon)) && ref.code().equals(unit.substring(colon + 1));
            }
        };
    }
}
