package cn.dongli.carbonmap.edit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.geom.EditChecks;
import cn.dongli.carbonmap.geom.Geometries;
import cn.dongli.carbonmap.geom.io.GeoJsonReader;
import cn.dongli.carbonmap.geom.io.SourceDataset;
import cn.dongli.carbonmap.geom.io.SourceFeature;
import cn.dongli.carbonmap.geom.io.UnreadableInputException;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureJson;
import cn.dongli.carbonmap.layer.FeatureRequests;
import cn.dongli.carbonmap.layer.HistoryEntry;
import cn.dongli.carbonmap.layer.InvalidFeaturesException;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.security.EditPermissions.Write;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The writes of the layer API: create, update, delete (version in ETag / If-Match), split, merge, history, restore,
 * undo, and the checks a client runs before saving. Features are GeoJSON in CGCS2000 longitude/latitude.
 */
@RestController
class EditController {

    private final LayerCatalog catalog;
    private final FeatureEditor editor;

    EditController(LayerCatalog catalog, FeatureEditor editor) {
        this.catalog = catalog;
        this.editor = editor;
    }

    @PostMapping("/api/layers/{layer}/features")
    void create(@PathVariable String layer, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Layer l = catalog.get(layer);
        editor.require(l, Write.CREATE);
        SourceFeature source = readFeature(l, request);
        Feature f = editor.create(l, source.geometry(), source.properties());
        response.setHeader(HttpHeaders.LOCATION, request.getRequestURI() + "/" + f.id());
        FeatureJson.respond(response, f, HttpStatus.CREATED.value());
    }

    @PutMapping("/api/layers/{layer}/features/{id}")
    void update(@PathVariable String layer, @PathVariable long id,
                @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                HttpServletRequest request, HttpServletResponse response) throws IOException {
        Layer l = catalog.get(layer);
        editor.require(l, Write.UPDATE);
        int expected = version(ifMatch, true);
        SourceFeature source = readFeature(l, request);
        FeatureJson.respond(response, editor.update(l, id, expected, source.geometry(), source.properties()), 200);
    }

    @DeleteMapping("/api/layers/{layer}/features/{id}")
    void delete(@PathVariable String layer, @PathVariable long id,
                @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                HttpServletResponse response) {
        Layer l = catalog.get(layer);
        editor.require(l, Write.DELETE);
        editor.delete(l, id, version(ifMatch, true));
        response.setStatus(HttpStatus.NO_CONTENT.value());
    }

    /** A split: the line to cut along. */
    record SplitRequest(Map<String, Object> line) {
    }

    @PostMapping("/api/layers/{layer}/features/{id}/split")
    Map<String, Object> split(@PathVariable String layer, @PathVariable long id,
                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                              @RequestBody SplitRequest body) {
        Layer l = catalog.get(layer);
        editor.require(l, Write.CREATE);
        editor.require(l, Write.DELETE);
        FeatureEditor.Split result = editor.split(l, id, version(ifMatch, true), line(body == null ? null : body.line()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deleted", result.deleted());
        m.put("created", result.created().stream().map(FeatureJson::toMap).toList());
        return m;
    }

    /** A merge: the features and the versions the client saw. */
    record MergeRequest(List<FeatureEditor.Versioned> features) {
    }

    @PostMapping("/api/layers/{layer}/merge")
    Map<String, Object> merge(@PathVariable String layer, @RequestBody MergeRequest body) {
        FeatureEditor.Merge result = editor.merge(catalog.get(layer), body == null ? null : body.features());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("feature", FeatureJson.toMap(result.feature()));
        m.put("deleted", result.deleted());
        return m;
    }

    @GetMapping("/api/layers/{layer}/features/{id}/history")
    List<Map<String, Object>> history(@PathVariable String layer, @PathVariable long id) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (HistoryEntry h : editor.history(catalog.get(layer), id)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", h.version());
            m.put("op", h.deleted() && !h.op().equals("delete") ? h.op() + "-delete" : h.op());
            m.put("deleted", h.deleted());
            m.put("undone", h.undone());
            m.put("by", FeatureJson.name(h.actor()));
            m.put("at", h.at().toString());
            m.put("feature", FeatureJson.toMap(h.state()));
            out.add(m);
        }
        return out;
    }

    /** A restore: the version to bring back. */
    record RestoreRequest(Integer version) {
    }

    @PostMapping("/api/layers/{layer}/features/{id}/restore")
    void restore(@PathVariable String layer, @PathVariable long id,
                 @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                 @RequestBody RestoreRequest body, HttpServletResponse response) throws IOException {
        editor.require(catalog.get(layer), Write.UPDATE);
        if (body == null || body.version() == null) {
            throw ProblemException.badRequest("invalid-restore", "send {\"version\": n}");
        }
        Integer current = ifMatch == null || ifMatch.isBlank() ? null : version(ifMatch, false);
        FeatureJson.respond(response, editor.restore(catalog.get(layer), id, body.version(), current), 200);
    }

    @PostMapping("/api/edits/undo")
    Map<String, Object> undo() {
        FeatureEditor.Undone undone = editor.undo();
        return Map.of("op", undone.op(), "features", undone.features());
    }

    @PostMapping("/api/geometry/check")
    Map<String, Object> check(@RequestParam(required = false) String layer, @RequestParam(required = false) Long id,
                              HttpServletRequest request) throws IOException {
        editor.requireWriter();
        if (layer == null) {
            throw ProblemException.badRequest("invalid-parameter", "name the layer: /api/geometry/check?layer=…");
        }
        Layer l = catalog.get(layer);
        SourceFeature source = readFeature(l, request);
        List<InvalidFeaturesException.FeatureError> problems = editor.check(l, source.geometry(),
                source.properties(), id);
        return InvalidFeaturesException.checkAnswer(problems);
    }

    @PostMapping("/api/geometry/make-valid")
    Map<String, Object> makeValid(@RequestBody Map<String, Object> geometry) throws IOException {
        editor.requireWriter();
        Map<String, Object> feature = Map.of("type", "Feature", "geometry", geometry, "properties", Map.of());
        SourceDataset data;
        try {
            data = GeoJsonReader.read(new java.io.ByteArrayInputStream(
                    tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsBytes(feature)));
        } catch (UnreadableInputException e) {
            throw ProblemException.badRequest("malformed-geojson", e.getMessage());
        }
        SourceFeature source = data.features().get(0);
        if (source.problem() != null) {
            throw ProblemException.badRequest("malformed-geojson", source.problem());
        }
        Geometry fixed = EditChecks.makeValid(source.geometry());
        if (fixed.isEmpty()) {
            throw new ProblemException(422, "cannot-make-valid", "Cannot make valid",
                    "nothing of this polygon is left once repaired: draw it again");
        }
        Feature asFeature = new Feature(0, "", 0, Geometries.toStoredMultiPolygon(
                Geometries.STORAGE.createGeometry(fixed)), Map.of(), Map.of(), "", java.time.Instant.EPOCH, "",
                java.time.Instant.EPOCH);
        return (Map<String, Object>) FeatureJson.toMap(asFeature).get("geometry");
    }

    // --- request reading ------------------------------------------------------------------------------------------

    private static SourceFeature readFeature(Layer layer, HttpServletRequest request) throws IOException {
        return FeatureRequests.readFeature(layer, request.getInputStream());
    }

    private static LineString line(Map<String, Object> geometry) {
        if (geometry == null || !"LineString".equals(geometry.get("type"))
                || !(geometry.get("coordinates") instanceof List<?> coords) || coords.size() < 2) {
            throw ProblemException.badRequest("invalid-split", "send {\"line\": a GeoJSON LineString of two or more positions}");
        }
        Coordinate[] cs = new Coordinate[coords.size()];
        for (int i = 0; i < cs.length; i++) {
            if (!(coords.get(i) instanceof List<?> p) || p.size() < 2 || !(p.get(0) instanceof Number x)
                    || !(p.get(1) instanceof Number y) || !Double.isFinite(x.doubleValue())
                    || !Double.isFinite(y.doubleValue())) {
                throw ProblemException.badRequest("invalid-split", "position " + (i + 1) + " of the line is not [x, y]");
            }
            if (Math.abs(x.doubleValue()) > 180 || Math.abs(y.doubleValue()) > 90) {
                throw ProblemException.badRequest("invalid-split", "position " + (i + 1) + " of the line is not a"
                        + " longitude and latitude in degrees (−180 to 180, −90 to 90)");
            }
            cs[i] = new Coordinate(x.doubleValue(), y.doubleValue());
        }
        return Geometries.STORAGE.createLineString(cs);
    }

    static int version(String ifMatch, boolean required) {
        return FeatureRequests.version(ifMatch, required);
    }
}
