package cn.dongli.carbonmap.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.dongli.carbonmap.error.ProblemException;

/**
 * {@code GET /api/metrics?unit=zones|streets|district|barrier|all&recompute=&season=}: the indicators per unit (of
 * a closed survey season if one is named), and
 * {@code GET /api/metrics/definitions}: what they count and how areas are measured.
 */
@RestController
@RequestMapping("/api/metrics")
class MetricsController {

    private static final Map<String, Set<String>> SELECTIONS = Map.of(
            "zones", Set.of("zone", "level", "barrier"),
            "streets", Set.of("street"),
            "district", Set.of("district", "barrier"),
            "barrier", Set.of("barrier", "level"),
            "all", Set.of("zone", "level", "barrier", "street", "district"));

    private final MetricsEngine engine;

    MetricsController(MetricsEngine engine) {
        this.engine = engine;
    }

    @GetMapping
    List<UnitMetrics> metrics(@RequestParam(defaultValue = "all") String unit,
                              @RequestParam(defaultValue = "false") boolean recompute,
                              @RequestParam(required = false) String season) {
        Set<String> kinds = SELECTIONS.get(unit);
        if (kinds == null) {
            throw ProblemException.badRequest("invalid-parameter",
                    "unit must be one of zones, streets, district, barrier, all");
        }
        List<UnitMetrics> all = season == null || season.isBlank() ? engine.metrics(recompute) : engine.metrics(season);
        return all.stream().filter(m -> kinds.contains(m.unit())).toList();
    }

    @GetMapping("/definitions")
    Map<String, Object> definitions() {
        MetricsDefinitions d = engine.definitions();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("areaMethod", Map.of(
                "ellipsoid", "CGCS2000 (a = 6378137 m, 1/f = 298.257222101)",
                "projection", "Lambert cylindrical equal-area (EPSG method 9835), standard parallel 39.12°N,"
                        + " central meridian 117.40°E: exact ellipsoidal areas",
                "zh", "面积为CGCS2000椭球面上的实地面积（等积圆柱投影），不以度或Web墨卡托计算"));
        m.put("definitions", d);
        m.put("muPerM2", 1 / MetricsDefinitions.M2_PER_MU);
        return m;
    }
}
