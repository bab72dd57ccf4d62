package cn.dongli.carbonmap.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.locationtech.jts.algorithm.InteriorPointArea;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.geom.EqualAreaProjection;
import cn.dongli.carbonmap.layer.AttributeFilter;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureJson;
import cn.dongli.carbonmap.layer.FeatureRequests;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.metrics.Assumptions;
import cn.dongli.carbonmap.metrics.MetricsEngine;
import cn.dongli.carbonmap.metrics.UnitMetrics;
import cn.dongli.carbonmap.metrics.UnitSelection;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/scenarios}: planning scenarios (规划情景) — list, create, read, change, delete, duplicate; their projects
 * with the ticks; their figures per unit; what they change, for the map.
 */
@RestController
@RequestMapping("/api/scenarios")
class ScenarioController {

    private final Scenarios scenarios;
    private final ScenarioChanges changes;
    private final FeatureStore features;
    private final LayerCatalog catalog;
    private final MetricsEngine engine;

    ScenarioController(Scenarios scenarios, ScenarioChanges changes, FeatureStore features, LayerCatalog catalog,
                       MetricsEngine engine) {
        this.scenarios = scenarios;
        this.changes = changes;
        this.features = features;
        this.catalog = catalog;
        this.engine = engine;
    }

    private ResponseEntity<Map<String, Object>> answer(Scenario s, HttpStatus status) {
        ResponseEntity.BodyBuilder b = ResponseEntity.status(status).eTag("\"" + s.version() + "\"");
        if (status == HttpStatus.CREATED) {
            b.header(HttpHeaders.LOCATION, "/api/scenarios/" + s.id());
        }
        return b.body(ScenarioJson.scenario(s, scenarios));
    }

    @GetMapping
    List<Map<String, Object>> list() {
        return scenarios.readable().stream().map(s -> ScenarioJson.scenario(s, scenarios)).toList();
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) JsonNode body) {
        return answer(scenarios.create(body), HttpStatus.CREATED);
    }

    @GetMapping("/{id}")
    ResponseEntity<Map<String, Object>> get(@PathVariable long id) {
        return answer(scenarios.readable(id), HttpStatus.OK);
    }

    @PutMapping("/{id}")
    ResponseEntity<Map<String, Object>> update(@PathVariable long id,
                                               @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @RequestBody(required = false) JsonNode body) {
        scenarios.changeable(id);
        int expected = FeatureRequests.version(ifMatch, true, "scenario");
        return answer(scenarios.update(id, expected, body), HttpStatus.OK);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id,
                                @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        scenarios.changeable(id);
        scenarios.delete(id, FeatureRequests.version(ifMatch, true, "scenario"));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/duplicate")
    ResponseEntity<Map<String, Object>> duplicate(@PathVariable long id, @RequestBody(required = false) JsonNode body) {
        return answer(scenarios.duplicate(id, body == null ? tools.jackson.databind.node.JsonNodeFactory.instance
                .objectNode() : body), HttpStatus.CREATED);
    }

    // --- projects -------------------------------------------------------------------------------------------------

    /** The projects not done today (parks not built, farmland not accepted), with how the scenario counts them. */
    @GetMapping("/{id}/projects")
    List<Map<String, Object>> projects(@PathVariable long id, @RequestParam(required = false) String layer,
                                       @RequestParam(required = false) String status,
                                       @RequestParam(required = false) Integer year,
                                       @RequestParam(required = false) String street) {
        Scenario s = scenarios.readable(id);
        if (layer != null && !Assumptions.projectLayers().contains(layer)) {
            throw ProblemException.badRequest("invalid-parameter", "layer must be parks or farmland");
        }
        Assumptions a = scenarios.assumptions(s);
        Map<String, Map<Long, Boolean>> choices = scenarios.choices(s);
        List<Street> streets = streets();
        if (street != null && streets.stream().noneMatch(st -> st.code().equals(street))) {
            throw ProblemException.badRequest("invalid-parameter", "there is no street " + street);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (String name : List.of(LayerCatalog.PARKS, LayerCatalog.FARMLAND)) {
            if (layer != null && !layer.equals(name)) {
                continue;
            }
            Layer l = catalog.get(name);
            List<String> open = new ArrayList<>(l.attribute("status").orElseThrow().values());
            open.remove(Assumptions.doneStatus(name));
            if (status != null) {
                if (!open.contains(status)) {
                    throw ProblemException.badRequest("invalid-parameter", "status must be one of "
                            + String.join(", ", open));
                }
                open = List.of(status);
            }
            List<AttributeFilter> filters = new ArrayList<>(List.of(AttributeFilter.in("status", open)));
            features.forEach(l, filters, f -> {
                if (year != null && !(f.attributes().get("year") instanceof Number n && n.intValue() == year)) {
                    return;
                }
                Street in = streetOf(f, streets);
                if (street != null && (in == null || !in.code().equals(street))) {
                    return;
                }
                out.add(project(f, in, a, choices.getOrDefault(name, Map.of()).get(f.id())));
            });
        }
        return out;
    }

    private static Map<String, Object> project(Feature f, Street street, Assumptions a, Boolean choice) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layer", f.layer());
        m.put("id", f.id());
        Object name = f.attributes().get(f.layer().equals(LayerCatalog.PARKS) ? "name" : "project");
        m.put("name", name);
        m.put("status", f.attributes().get("status"));
        m.put("year", f.attributes().get("year"));
        m.put("street", street == null ? null : Map.of("code", street.code(), "name", street.name()));
        m.put("areaM2", EqualAreaProjection.DONGLI.area(f.geometry()));
        Optional<Feature> made = a.apply(f);
        m.put("done", made.isPresent() && Assumptions.doneStatus(f.layer()).equals(made.get().attributes().get("status")));
        m.put("choice", choice);
        Envelope e = f.geometry().getEnvelopeInternal();
        m.put("bbox", new double[] {e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()});
        return m;
    }

    /** A street and its polygon, prepared. */
    private record Street(String code, String name, PreparedGeometry polygon) {
    }

    private List<Street> streets() {
        return engine.units().stream().filter(u -> u.ref().kind().equals("street"))
                .map(u -> new Street(u.ref().code(), u.ref().name(), PreparedGeometryFactory.prepare(u.geometry())))
                .toList();
    }

    /** The street a feature's point-on-surface lies in, or null. */
    private static Street streetOf(Feature f, List<Street> streets) {
        Point p = f.geometry().getFactory().createPoint(InteriorPointArea.getInteriorPoint(f.geometry()));
        return streets.stream().filter(st -> st.polygon().covers(p)).findFirst().orElse(null);
    }

    @PutMapping("/{id}/projects")
    ResponseEntity<Map<String, Object>> choose(@PathVariable long id, @RequestBody(required = false) JsonNode body) {
        return answer(scenarios.choose(id, body), HttpStatus.OK);
    }

    // --- figures and changes --------------------------------------------------------------------------------------

    @GetMapping("/{id}/metrics")
    List<UnitMetrics> metrics(@PathVariable long id, @RequestParam(defaultValue = "all") String unit) {
        UnitSelection.kinds(unit);
        return UnitSelection.select(scenarios.metrics(scenarios.readable(id)), unit);
    }

    /**
     * What the scenario changes, for the map: the projects it counts as done ({@code done}) and its drafts that
     * apply ({@code create}, {@code update}, {@code delete}; drafts in conflict are left out).
     */
    @GetMapping("/{id}/changes")
    Map<String, Object> changes(@PathVariable long id) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ScenarioChanges.Change c : changes.of(scenarios.readable(id))) {
            Map<String, Object> m = change(c.feature(), c.op());
            if (c.draftId() != null) {
                m.put("id", c.draftId());
            }
            out.add(m);
        }
        return Map.of("type", "FeatureCollection", "features", out);
    }

    private static Map<String, Object> change(Feature f, String op) {
        Map<String, Object> m = FeatureJson.toMap(f);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("layer", f.layer());
        p.put("op", op);
        p.put("name", Optional.ofNullable(f.attributes().get("name")).orElse(
                Optional.ofNullable(f.attributes().get("project")).orElse(f.attributes().get("plot_code"))));
        p.put("featureId", f.id());
        m.put("properties", p);
        m.remove("meta");
        return m;
    }
}
