package cn.dongli.carbonmap.metrics;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.layer.GzippedAnswers;
import cn.dongli.carbonmap.security.Accounts;
import cn.dongli.carbonmap.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/metrics?unit=zones|streets|district|barrier|all&recompute=&season=}: the indicators per unit (of
 * a closed survey season if one is named; {@code recompute=true}, a rebuild from every layer, is for admins), and
 * {@code GET /api/metrics/definitions}: what they count and how areas are measured.
 */
@RestController
@RequestMapping("/api/metrics")
class MetricsController {

    private final MetricsEngine engine;
    private final JsonMapper json;
    private final Map<String, Rendered> rendered = new ConcurrentHashMap<>();

    MetricsController(MetricsEngine engine, JsonMapper json) {
        this.engine = engine;
        this.json = json;
    }

    /** An answer of the engine as sent: the selection of its units as gzipped JSON. */
    private record Rendered(List<UnitMetrics> answer, byte[] gzip) {
    }

    @GetMapping
    void metrics(@RequestParam(defaultValue = "all") String unit,
                 @RequestParam(defaultValue = "false") boolean recompute,
                 @RequestParam(required = false) String season,
                 HttpServletRequest request, HttpServletResponse response) throws IOException {
        Set<String> kinds = UnitSelection.kinds(unit);
        // a rebuild reads every layer (about a hundred times the cost of an answer): not for anyone who may read
        if (recompute && !Accounts.required().has(Role.ADMIN)) {
            throw new ProblemException(403, "forbidden", "Forbidden", "recompute=true rebuilds the indicators from"
                    + " every layer: admins only");
        }
        boolean live = season == null || season.isBlank();
        List<UnitMetrics> all = live ? engine.metrics(recompute) : engine.metrics(season);
        // the engine hands out the same answer until something changes: it is serialised and compressed once
        String key = unit + '|' + (live ? "" : season);
        Rendered r = rendered.get(key);
        if (r == null || r.answer() != all) {
            List<UnitMetrics> selected = all.stream().filter(m -> kinds.contains(m.unit())).toList();
            r = new Rendered(all, GzippedAnswers.render(out -> json.writeValue(out, selected)));
            if (rendered.size() > 64) {
                rendered.clear();
            }
            rendered.put(key, r);
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        GzippedAnswers.send(request, response, r.gzip());
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
