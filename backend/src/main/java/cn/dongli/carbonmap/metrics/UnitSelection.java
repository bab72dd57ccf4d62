package cn.dongli.carbonmap.metrics;

import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.dongli.carbonmap.error.ProblemException;

/**
 * The units an indicator request asks for ({@code unit=zones|streets|district|barrier|all}): the zones with the
 * control levels and the barrier; the streets; the district with the barrier; the barrier with the levels; all.
 */
public final class UnitSelection {

    private static final Map<String, Set<String>> KINDS = Map.of(
            "zones", Set.of("zone", "level", "barrier"),
            "streets", Set.of("street"),
            "district", Set.of("district", "barrier"),
            "barrier", Set.of("barrier", "level"),
            "all", Set.of("zone", "level", "barrier", "street", "district"));

    private UnitSelection() {
    }

    /**
     * The unit kinds of a selection.
     *
     * @throws ProblemException 400 for an unknown selection
     */
    public static Set<String> kinds(String unit) {
        Set<String> kinds = KINDS.get(unit);
        if (kinds == null) {
            throw ProblemException.badRequest("invalid-parameter",
                    "unit must be one of zones, streets, district, barrier, all");
        }
        return kinds;
    }

    /** The figures of the selected units, in the engine's order. */
    public static List<UnitMetrics> select(List<UnitMetrics> all, String unit) {
        Set<String> kinds = kinds(unit);
        return all.stream().filter(m -> kinds.contains(m.unit())).toList();
    }
}
