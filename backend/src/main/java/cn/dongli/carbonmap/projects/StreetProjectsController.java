package cn.dongli.carbonmap.projects;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.locationtech.jts.algorithm.InteriorPointArea;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.geom.EqualAreaProjection;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureJson;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;

/**
 * {@code GET /api/streets/{code}/projects?type=…&status=…&year=…}: the projects of one street (features that
 * intersect it), as a list for the street offices. PV rooftops are listed when they have PV or are new
 * public-institution or factory roofs (the ones the plan's PV target counts).
 */
@RestController
class StreetProjectsController {

    private static final List<String> TYPES = List.of(LayerCatalog.PARKS, LayerCatalog.FARMLAND,
            LayerCatalog.PV_ROOFTOPS, LayerCatalog.FOREST_PLOTS);
    private static final int MAX_PER_TYPE = 5000;
    private static final Map<String, String> SPECIES_ZH = Map.of("poplar", "杨树", "willow", "柳树", "ash", "白蜡",
            "sophora", "国槐", "black_locust", "刺槐", "elm", "榆树", "chinese_pine", "油松", "arborvitae", "侧柏",
            "other", "其他");
    private static final Map<String, String> USE_ZH = Map.of("public_institution", "公共机构", "factory", "厂房",
            "residential", "住宅", "commercial", "商业");

    private final LayerCatalog catalog;
    private final FeatureStore store;

    StreetProjectsController(LayerCatalog catalog, FeatureStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    @GetMapping("/api/streets/{code}/projects")
    Map<String, Object> projects(@PathVariable String code, @RequestParam(required = false) String type,
                                 @RequestParam(required = false) String status,
                                 @RequestParam(required = false) Integer year) {
        Feature street = findStreet(code);
        List<String> types = type == null || type.isBlank() ? TYPES : Arrays.stream(type.split(",")).map(String::trim).toList();
        for (String t : types) {
            if (!TYPES.contains(t)) {
                throw ProblemException.badRequest("invalid-parameter",
                        "type must be a comma-separated list of " + String.join(", ", TYPES));
            }
        }
        Set<String> statuses = status == null || status.isBlank() ? Set.of() : Set.of(status.split(","));
        List<Map<String, Object>> projects = new ArrayList<>();
        for (String t : types) {
            Layer layer = catalog.get(t);
            for (Feature f : store.findIntersecting(layer, street.geometry(), MAX_PER_TYPE)) {
                Map<String, Object> p = project(f);
                if (p == null || (!statuses.isEmpty() && !statuses.contains(p.get("status")))
                        || (year != null && !year.equals(p.get("year")))) {
                    continue;
                }
                projects.add(p);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Envelope e = street.geometry().getEnvelopeInternal();
        out.put("street", Map.of("code", code, "name", street.attributes().get("name"),
                "bbox", List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY())));
        out.put("projects", projects);
        return out;
    }

    private Feature findStreet(String code) {
        Layer streets = catalog.get(LayerCatalog.STREETS);
        List<Feature> found = new ArrayList<>();
        store.forEach(streets, f -> {
            if (code.equals(f.attributes().get("code"))) {
                found.add(f);
            }
        });
        if (found.isEmpty()) {
            throw ProblemException.notFound("unknown-street", "there is no street with code '" + code + "'");
        }
        return found.get(0);
    }

    private static Map<String, Object> project(Feature f) {
        Map<String, Object> a = f.attributes();
        String title;
        Object status;
        Object year;
        switch (f.layer()) {
            case LayerCatalog.PARKS -> {
                title = (String) a.get("name");
                status = a.get("status");
                year = a.get("year");
            }
            case LayerCatalog.FARMLAND -> {
                title = (String) a.get("project");
                status = a.get("status");
                year = a.get("year");
            }
            case LayerCatalog.PV_ROOFTOPS -> {
                boolean installed = Boolean.TRUE.equals(a.get("pv_installed"));
                boolean newPublicOrFactory = a.get("built_year") instanceof Integer y && y >= 2022
                        && ("public_institution".equals(a.get("building_use")) || "factory".equals(a.get("building_use")));
                if (!installed && !newPublicOrFactory) {
                    return null;
                }
                title = USE_ZH.getOrDefault(String.valueOf(a.get("building_use")), "建筑") + "屋顶 #" + f.id();
                status = installed ? "pv_installed" : "pv_missing";
                year = a.get("built_year");
            }
            default -> {
                title = a.get("plot_code") + " " + SPECIES_ZH.getOrDefault(String.valueOf(a.get("species")), "");
                status = a.get("canopy_closure") instanceof Double c && c >= 0.2 ? "forest" : "sparse";
                year = a.get("planted_year");
            }
        }
        Envelope e = f.geometry().getEnvelopeInternal();
        Coordinate c = InteriorPointArea.getInteriorPoint(f.geometry());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("layer", f.layer());
        p.put("id", f.id());
        p.put("title", title);
        p.put("status", status);
        p.put("year", year);
        p.put("areaM2", Math.round(EqualAreaProjection.DONGLI.area(f.geometry()) * 10) / 10.0);
        p.put("bbox", List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()));
        p.put("center", List.of(c.x, c.y));
        p.put("properties", FeatureJson.properties(f));
        return p;
    }
}
