package cn.dongli.carbonmap.layer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
import cn.dongli.carbonmap.geom.CoordinateTransform;
import cn.dongli.carbonmap.geom.Geometries;
import cn.dongli.carbonmap.geom.io.GeoJsonReader;
import cn.dongli.carbonmap.geom.io.GeoJsonWriter;
import cn.dongli.carbonmap.geom.io.SourceDataset;
import cn.dongli.carbonmap.geom.io.SourceFeature;
import cn.dongli.carbonmap.geom.io.UnreadableInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The layers' HTTP API: the catalogue, features by bounding box, single features and their writes.
 *
 * <p>Features are GeoJSON (RFC 7946) in CGCS2000 longitude/latitude. A feature's version is its ETag; updates and
 * deletes must send it back in {@code If-Match}, so that no edit silently overwrites another.
 */
@RestController
@RequestMapping("/api/layers")
class LayerController {

    static final String GEOJSON = "application/geo+json";
    private static final int MAX_LIMIT = 10_000;

    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final FeatureValidator validator;

    LayerController(LayerCatalog catalog, FeatureStore store, FeatureValidator validator) {
        this.catalog = catalog;
        this.store = store;
        this.validator = validator;
    }

    @GetMapping
    List<Map<String, Object>> layers() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Layer layer : catalog.all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", layer.name());
            m.put("title", Map.of("zh", layer.titleZh(), "en", layer.titleEn()));
            m.put("geometryType", "MultiPolygon");
            m.put("crs", "EPSG:4490");
            m.put("featureCount", store.count(layer));
            m.put("extent", store.extent(layer)
                    .map(e -> List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY())).orElse(null));
            m.put("attributes", layer.attributes().stream().map(LayerController::schema).toList());
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> schema(Attribute a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.name());
        m.put("type", a.type().name().toLowerCase());
        m.put("required", a.required());
        m.put("title", Map.of("zh", a.titleZh(), "en", a.titleEn()));
        if (a.min() != null) {
            m.put("min", a.min());
        }
        if (a.max() != null) {
            m.put("max", a.max());
        }
        if (!a.values().isEmpty()) {
            m.put("values", a.values());
        }
        if (a.pattern() != null) {
            m.put("pattern", a.pattern().pattern());
        }
        if (a.type() == AttributeType.STRING) {
            m.put("maxLength", a.maxLength());
        }
        return m;
    }

    @GetMapping("/{layer}/features")
    void features(@PathVariable String layer, @RequestParam(required = false) String bbox,
                  @RequestParam(defaultValue = "1000") int limit, @RequestParam(defaultValue = "0") long offset,
                  @RequestParam(defaultValue = "0") double simplify, @RequestParam(defaultValue = "-1") int precision,
                  HttpServletResponse response) throws IOException {
        Layer l = catalog.get(layer);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("invalid-parameter", "limit must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw ProblemException.badRequest("invalid-parameter", "offset must not be negative");
        }
        if (!(simplify >= 0 && simplify <= 1000)) {
            throw ProblemException.badRequest("invalid-parameter", "simplify must be between 0 and 1000 metres");
        }
        if (precision < -1 || precision > 12) {
            throw ProblemException.badRequest("invalid-parameter", "precision must be between 0 and 12 decimals");
        }
        Envelope box = bbox == null ? null : parseBbox(bbox);
        List<Feature> features = store.find(l, box, limit, offset);
        response.setContentType(GEOJSON);
        response.setCharacterEncoding("UTF-8");
        // display simplification: a tolerance in metres taken as degrees of latitude (111.32 km each)
        double tolerance = simplify / 111_320.0;
        try (GeoJsonWriter out = new GeoJsonWriter(response.getOutputStream(), precision)) {
            out.startCollection();
            for (Feature f : features) {
                if (tolerance > 0) {
                    out.feature(f.id(), Geometries.toStoredMultiPolygon(
                            TopologyPreservingSimplifier.simplify(f.geometry(), tolerance)),
                            FeatureJson.properties(f), Map.of("meta", FeatureJson.meta(f)));
                } else {
                    FeatureJson.write(out, f);
                }
            }
            Map<String, Object> members = new LinkedHashMap<>();
            members.put("numberReturned", features.size());
            members.put("limit", limit);
            members.put("offset", offset);
            out.endCollection(members);
        }
    }

    /**
     * Parses {@code minLon,minLat,maxLon,maxLat}.
     *
     * @throws ProblemException 400 if malformed
     */
    static Envelope parseBbox(String text) {
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw ProblemException.badRequest("invalid-bbox", "bbox must be minLon,minLat,maxLon,maxLat");
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("invalid-bbox", "bbox value '" + parts[i] + "' is not a number");
            }
            if (!Double.isFinite(v[i])) {
                throw ProblemException.badRequest("invalid-bbox", "bbox values must be finite numbers");
            }
        }
        if (v[0] > v[2] || v[1] > v[3] || v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90) {
            throw ProblemException.badRequest("invalid-bbox",
                    "bbox must be minLon,minLat,maxLon,maxLat with min ≤ max inside −180..180, −90..90");
        }
        return new Envelope(v[0], v[2], v[1], v[3]);
    }

    @GetMapping("/{layer}/features/{id}")
    void feature(@PathVariable String layer, @PathVariable long id, HttpServletResponse response) throws IOException {
        Layer l = catalog.get(layer);
        Feature f = store.get(l, id).orElseThrow(() -> new FeatureNotFoundException(layer, id));
        writeFeature(response, f, HttpStatus.OK);
    }

    @PostMapping(value = "/{layer}/features")
    void create(@PathVariable String layer, HttpServletRequest request, HttpServletResponse response,
                Principal principal) throws IOException {
        Layer l = catalog.get(layer);
        FeatureDraft draft = readDraft(l, request);
        Feature f = store.insert(l, draft, principal.getName());
        response.setHeader(HttpHeaders.LOCATION,
                URI.create(request.getRequestURI() + "/" + f.id()).toString());
        writeFeature(response, f, HttpStatus.CREATED);
    }

    @PutMapping("/{layer}/features/{id}")
    void update(@PathVariable String layer, @PathVariable long id,
                @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                HttpServletRequest request, HttpServletResponse response, Principal principal) throws IOException {
        Layer l = catalog.get(layer);
        int expected = expectedVersion(ifMatch, l, id);
        FeatureDraft draft = readDraft(l, request);
        Feature f = store.update(l, id, expected, draft, principal.getName());
        writeFeature(response, f, HttpStatus.OK);
    }

    @DeleteMapping("/{layer}/features/{id}")
    void delete(@PathVariable String layer, @PathVariable long id,
                @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                HttpServletResponse response, Principal principal) {
        Layer l = catalog.get(layer);
        store.delete(l, id, expectedVersion(ifMatch, l, id), principal.getName());
        response.setStatus(HttpStatus.NO_CONTENT.value());
    }

    private int expectedVersion(String ifMatch, Layer layer, long id) {
        if (ifMatch == null || ifMatch.isBlank()) {
            if (store.get(layer, id).isEmpty()) {
                throw new FeatureNotFoundException(layer.name(), id);
            }
            throw new ProblemException(428, "precondition-required", "If-Match required",
                    "send the feature's ETag in If-Match so that a newer edit is not overwritten");
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Integer.parseInt(tag);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("invalid-if-match", "If-Match must be the feature's ETag, e.g. \"3\"");
        }
    }

    private FeatureDraft readDraft(Layer layer, HttpServletRequest request) throws IOException {
        SourceDataset data;
        try (InputStream in = request.getInputStream()) {
            data = GeoJsonReader.read(in);
        } catch (UnreadableInputException e) {
            throw ProblemException.badRequest("malformed-geojson", e.getMessage());
        }
        if (data.features().size() != 1) {
            throw ProblemException.badRequest("malformed-geojson", "send exactly one GeoJSON Feature");
        }
        if (data.crs() != null && data.crs().epsg() != 4490 && data.crs().epsg() != 4326) {
            throw ProblemException.badRequest("unsupported-crs",
                    "features are written in longitude/latitude (EPSG:4490); use the import for other CRSs");
        }
        SourceFeature source = data.features().get(0);
        if (source.problem() != null) {
            throw InvalidFeaturesException.single(layer, source.problem(), "unreadable_geometry", null);
        }
        FeatureValidator.Checked checked = validator.check(layer, source.geometry(), CoordinateTransform.IDENTITY,
                source.properties());
        if (!checked.valid()) {
            throw InvalidFeaturesException.of(layer, checked.problems());
        }
        return checked.draft();
    }

    private static void writeFeature(HttpServletResponse response, Feature f, HttpStatus status) throws IOException {
        response.setStatus(status.value());
        response.setHeader(HttpHeaders.ETAG, "\"" + f.version() + "\"");
        response.setContentType(GEOJSON);
        response.setCharacterEncoding("UTF-8");
        try (GeoJsonWriter out = new GeoJsonWriter(response.getOutputStream(), -1)) {
            FeatureJson.write(out, f);
        }
    }
}
