package cn.dongli.carbonmap.scenario;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.geom.io.SourceFeature;
import cn.dongli.carbonmap.layer.FeatureJson;
import cn.dongli.carbonmap.layer.FeatureRequests;
import cn.dongli.carbonmap.layer.InvalidFeaturesException;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.security.EditPermissions.Write;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code /api/scenarios/{id}/features…}: a scenario's draft edits, in the shapes of the features API (GeoJSON
 * Features, versions in ETag / If-Match, history), and the checks of a draft save without saving.
 */
@RestController
@RequestMapping("/api/scenarios/{id}")
class DraftController {

    private final Scenarios scenarios;
    private final ScenarioDrafts drafts;

    DraftController(Scenarios scenarios, ScenarioDrafts drafts) {
        this.scenarios = scenarios;
        this.drafts = drafts;
    }

    private ResponseEntity<Map<String, Object>> answer(Scenario s, Draft d, int status) {
        ResponseEntity.BodyBuilder b = ResponseEntity.status(status).eTag("\"" + d.version() + "\"")
                .header(HttpHeaders.CONTENT_TYPE, "application/geo+json");
        if (status == 201) {
            b.header(HttpHeaders.LOCATION, "/api/scenarios/" + s.id() + "/features/" + d.layer() + "/" + d.id());
        }
        return b.body(ScenarioJson.draft(d, drafts.conflict(d).orElse(null)));
    }

    private static Map<String, Object> collection(List<Map<String, Object>> features) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "FeatureCollection");
        m.put("features", features);
        return m;
    }

    @GetMapping("/features")
    ResponseEntity<Map<String, Object>> all(@PathVariable long id) {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, "application/geo+json")
                .body(collection(drafts.list(scenarios.readable(id), null)));
    }

    @GetMapping("/features/{layer}")
    ResponseEntity<Map<String, Object>> ofLayer(@PathVariable long id, @PathVariable String layer) {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, "application/geo+json")
                .body(collection(drafts.list(scenarios.readable(id), layer)));
    }

    /**
     * A new draft: a new feature, or with {@code replaces} (and the live version seen) a change of a live feature,
     * or with {@code delete=true} its deletion in the scenario.
     */
    @PostMapping("/features/{layer}")
    ResponseEntity<Map<String, Object>> create(@PathVariable long id, @PathVariable String layer,
                                               @RequestParam(required = false) Long replaces,
                                               @RequestParam(required = false) Integer liveVersion,
                                               @RequestParam(defaultValue = "false") boolean delete,
                                               HttpServletRequest request) throws IOException {
        Scenario s = scenarios.changeable(id);
        Layer l = drafts.draftable(layer);
        if (replaces == null) {
            if (delete) {
                throw ProblemException.badRequest("invalid-parameter", "name the live feature to delete: replaces=…");
            }
            SourceFeature f = FeatureRequests.readFeature(l, request.getInputStream());
            return answer(s, drafts.create(s, l, f.geometry(), f.properties()), 201);
        }
        if (liveVersion == null) {
            throw new ProblemException(428, "precondition-required", "Live version required", "send liveVersion: the"
                    + " version of feature " + replaces + " you started from, so that a newer live edit is not hidden");
        }
        if (delete) {
            return answer(s, drafts.replace(s, l, replaces, liveVersion, null, null), 201);
        }
        SourceFeature f = FeatureRequests.readFeature(l, request.getInputStream());
        return answer(s, drafts.replace(s, l, replaces, liveVersion, f.geometry(), f.properties()), 201);
    }

    @GetMapping("/features/{layer}/{draftId}")
    ResponseEntity<Map<String, Object>> get(@PathVariable long id, @PathVariable String layer,
                                            @PathVariable long draftId) {
        Scenario s = scenarios.readable(id);
        return answer(s, drafts.get(s, drafts.draftable(layer), draftId), 200);
    }

    /**
     * Changes a draft (with {@code liveVersion}: also rebases it); with {@code delete=true} (no body) turns a change of
     * a live feature into its deletion; with {@code detach=true} keeps a draft whose live feature was deleted as a new
     * feature (the body, if any, is its feature).
     */
    @PutMapping("/features/{layer}/{draftId}")
    ResponseEntity<Map<String, Object>> update(@PathVariable long id, @PathVariable String layer,
                                               @PathVariable long draftId,
                                               @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @RequestParam(required = false) Integer liveVersion,
                                               @RequestParam(defaultValue = "false") boolean delete,
                                               @RequestParam(defaultValue = "false") boolean detach,
                                               HttpServletRequest request) throws IOException {
        Scenario s = scenarios.changeable(id);
        Layer l = drafts.draftable(layer);
        int expected = FeatureRequests.version(ifMatch, true);
        if (delete && detach) {
            throw ProblemException.badRequest("invalid-parameter", "a draft is turned into a deletion or detached, not both");
        }
        if (delete) {
            return answer(s, drafts.toDeletion(s, l, draftId, expected), 200);
        }
        if (detach) {
            byte[] body = request.getInputStream().readAllBytes();
            if (body.length == 0) {
                return answer(s, drafts.detach(s, l, draftId, expected, null, null), 200);
            }
            SourceFeature f = FeatureRequests.readFeature(l, new java.io.ByteArrayInputStream(body));
            return answer(s, drafts.detach(s, l, draftId, expected, f.geometry(), f.properties()), 200);
        }
        SourceFeature f = FeatureRequests.readFeature(l, request.getInputStream());
        return answer(s, drafts.update(s, l, draftId, expected, f.geometry(), f.properties(), liveVersion), 200);
    }

    @DeleteMapping("/features/{layer}/{draftId}")
    ResponseEntity<Void> discard(@PathVariable long id, @PathVariable String layer, @PathVariable long draftId,
                                 @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Scenario s = scenarios.changeable(id);
        Layer l = drafts.draftable(layer);
        drafts.discard(s, l, draftId, FeatureRequests.version(ifMatch, true));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/features/{layer}/{draftId}/history")
    List<Map<String, Object>> history(@PathVariable long id, @PathVariable String layer, @PathVariable long draftId) {
        Scenario s = scenarios.readable(id);
        List<Map<String, Object>> out = new ArrayList<>();
        for (ScenarioStore.HistoryRow h : drafts.history(s, drafts.draftable(layer), draftId)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", h.version());
            m.put("op", h.op());
            m.put("by", h.actor());
            m.put("at", h.at().toString());
            m.put("feature", FeatureJson.toMap(h.feature()));
            out.add(m);
        }
        return out;
    }

    /** The checks of a draft save, without saving (as {@code POST /api/geometry/check}). */
    @PostMapping("/check")
    Map<String, Object> check(@PathVariable long id, @RequestParam(required = false) String layer,
                              @RequestParam(required = false) Long draft,
                              @RequestParam(required = false) Long replaces, HttpServletRequest request)
            throws IOException {
        Scenario s = scenarios.changeable(id);
        if (layer == null) {
            throw ProblemException.badRequest("invalid-parameter", "name the layer: …/check?layer=…");
        }
        Layer l = drafts.draftable(layer);
        drafts.writer(s, l, replaces == null && draft == null ? Write.CREATE : Write.UPDATE);
        SourceFeature f = FeatureRequests.readFeature(l, request.getInputStream());
        List<InvalidFeaturesException.FeatureError> problems = drafts.check(s, l, f.geometry(), f.properties(),
                replaces, draft);
        return InvalidFeaturesException.checkAnswer(problems);
    }
}
