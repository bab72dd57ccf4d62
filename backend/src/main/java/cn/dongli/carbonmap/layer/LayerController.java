package cn.dongli.carbonmap.layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.geom.Geometries;
import cn.dongli.carbonmap.geom.io.GeoJsonWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The layers' HTTP API for reading: the catalogue with schemas and edit rules, features by bounding box, single
 * features with their version as ETag. Features are GeoJSON (RFC 7946) in CGCS2000 longitude/latitude. Writes are in
 * {@code edit}.
 */
@RestController
@RequestMapping("/api/layers")
class LayerController {

    static final String GEOJSON = "application/geo+json";
    private static final int MAX_LIMIT = 10_000;

    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final FeatureValidator validator;
    private final RenderedPages pages;
    private final AreaRevisions areas;
    private final RenderedFeatures rendered;
    private static final JsonMapper JSON = JsonMapper.builder()
            .build();
    private static final byte[] PAGE_HEAD = "{\"type\":\"FeatureCollection\",\"features\":["
            .getBytes(StandardCharsets.UTF_8);
    /** Tells this process's ETags from another's (a new version may render the same revision differently). */
    private final String instance = Long.toString(System.currentTimeMillis(), 36);

    LayerController(LayerCatalog catalog, FeatureStore store, FeatureValidator validator,
                    FeaturePageSettings settings) {
        this.catalog = catalog;
        this.store = store;
        this.validator = validator;
        this.pages = new RenderedPages(settings.cacheBytes());
        this.areas = new AreaRevisions(store);
        this.rendered = new RenderedFeatures(settings.cacheBytes());
    }

    /** A layer's feature count and extent as of a revision of it. */
    private record Summary(Long revision, long count, List<Double> extent) {
    }

    /** The layers' counts and extents, worked out again only when a layer's revision moves. */
    private final Map<String, Summary> summaries = new java.util.concurrent.ConcurrentHashMap<>();

    private Summary summary(Layer layer, Long revision) {
        Summary kept = summaries.get(layer.name());
        if (kept != null && java.util.Objects.equals(kept.revision(), revision)) {
            return kept;
        }
        // read after the revision: a write committed meanwhile only makes the next request count again
        Summary fresh = new Summary(revision, store.count(layer), store.extent(layer)
                .map(e -> List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY())).orElse(null));
        summaries.put(layer.name(), fresh);
        return fresh;
    }

    @GetMapping
    List<Map<String, Object>> layers() {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, Long> revisions = store.lastChanges(catalog.all());
        for (Layer layer : catalog.all()) {
            Summary summary = summary(layer, revisions.get(layer.name()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", layer.name());
            m.put("title", Map.of("zh", layer.titleZh(), "en", layer.titleEn()));
            m.put("geometryType", "MultiPolygon");
            m.put("crs", "EPSG:4490");
            m.put("featureCount", summary.count());
            m.put("extent", summary.extent());
            m.put("attributes", layer.attributes().stream().map(LayerController::schema).toList());
            Map<String, Object> editing = new LinkedHashMap<>();
            editing.put("overlap", layer.editing().overlap().name().toLowerCase().replace('_', '-'));
            editing.put("surveyAttributes", layer.editing().surveyAttributes());
            editing.put("extensiveAttributes", layer.editing().extensiveAttributes());
            editing.put("minAreaM2", validator.minAreaM2());
            m.put("editing", editing);
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
                  @RequestParam(required = false) Long after,
                  @RequestParam(defaultValue = "0") double simplify, @RequestParam(defaultValue = "-1") int precision,
                  HttpServletRequest request, HttpServletResponse response) throws IOException {
        Layer l = catalog.get(layer);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("invalid-parameter", "limit must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw ProblemException.badRequest("invalid-parameter", "offset must not be negative");
        }
        if (after != null && (after < 0 || offset > 0)) {
            throw ProblemException.badRequest("invalid-parameter",
                    "after must be a feature id (not negative), and is not combined with offset");
        }
        if (!(simplify >= 0 && simplify <= 1000)) {
            throw ProblemException.badRequest("invalid-parameter", "simplify must be between 0 and 1000 metres");
        }
        if (precision < -1 || precision > 12) {
            throw ProblemException.badRequest("invalid-parameter", "precision must be between 0 and 12 decimals");
        }
        Envelope box = bbox == null ? null : parseBbox(bbox);
        // a page changes only with what lies in its box and its range of ids (AreaRevisions): browsers revalidate with
        // the page's revision and last id as ETag, and a page already rendered for that revision is sent as it is
        long layerRevision = store.lastChange(l);
        long from = after != null ? after : offset == 0 ? 0 : Long.MIN_VALUE;
        RenderedPages.Revisions now = lastId -> areas.revision(l, layerRevision, box, from, lastId);
        // account names are for signed-in staff only: the two audiences get pages (and ETags) of their own
        boolean names = FeatureJson.namesShown();
        String audience = names ? ".s" : "";
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        Long tagged = lastIdOf(request.getHeader(HttpHeaders.IF_NONE_MATCH), audience);
        if (tagged != null) {
            String etag = etag(now.of(tagged), tagged, audience);
            if (etag.equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
                response.setHeader(HttpHeaders.ETAG, etag);
                response.setStatus(HttpStatus.NOT_MODIFIED.value());
                return;
            }
        }
        String key = l.name() + '|' + (box == null ? "" : box.getMinX() + "," + box.getMinY() + "," + box.getMaxX()
                + "," + box.getMaxY()) + '|' + limit + '|' + offset + '|' + after + '|' + simplify + '|' + precision + '|'
                + names;
        RenderedPages.Page page = pages.get(key, now).orElse(null);
        if (page == null) {
            Rendered r = render(l, layerRevision, box, limit, offset, after, simplify, precision, request);
            page = new RenderedPages.Page(now.of(r.lastId()), r.lastId(), r.gzip());
            pages.put(key, page);
        }
        response.setHeader(HttpHeaders.ETAG, etag(page.revision(), page.lastId(), audience));
        response.setContentType(GEOJSON);
        response.setCharacterEncoding("UTF-8");
        GzippedAnswers.send(request, response, page.gzip());
    }

    /** A page's weak ETag: this process, the page's revision and last id, and the audience. */
    private String etag(long revision, long lastId, String audience) {
        return "W/\"" + instance + "." + revision + "." + (lastId == Long.MAX_VALUE ? "end" : Long.toString(lastId))
                + audience + "\"";
    }

    /** The last id named by an ETag of this process for this audience, or null (another process's, or malformed). */
    private Long lastIdOf(String ifNoneMatch, String audience) {
        String prefix = "W/\"" + instance + ".";
        if (ifNoneMatch == null || !ifNoneMatch.startsWith(prefix) || !ifNoneMatch.endsWith(audience + "\"")) {
            return null;
        }
        String[] parts = ifNoneMatch.substring(prefix.length(), ifNoneMatch.length() - audience.length() - 1)
                .split("\\.");
        if (parts.length != 2) {
            return null;
        }
        try {
            Long.parseLong(parts[0]);
            return parts[1].equals("end") ? Long.MAX_VALUE : Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A rendered page: its gzipped GeoJSON and the id of its last feature ({@link Long#MAX_VALUE} if not full). */
    private record Rendered(byte[] gzip, long lastId) {
    }

    /**
     * One page of features as gzipped GeoJSON. A full page names the next one ({@code next}: this request's address
     * with {@code after} the page's last id).
     */
    private Rendered render(Layer l, long revision, Envelope box, int limit, long offset, Long after, double simplify,
                            int precision, HttpServletRequest request) throws IOException {
        if (after != null) {
            return renderAfter(l, revision, box, limit, after, simplify, precision, request);
        }
        List<Feature> features = store.find(l, box, limit, offset);
        String prefix = renderingKey(l, revision, simplify, precision);
        byte[][] parts = new byte[features.size()][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = rendering(prefix, features.get(i), simplify, precision);
        }
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("numberReturned", features.size());
        members.put("limit", limit);
        members.put("offset", offset);
        long lastId = features.size() < limit ? Long.MAX_VALUE : features.get(features.size() - 1).id();
        return page(parts, members, lastId, request);
    }

    /**
     * A keyset page, assembled from the features it holds as they were rendered before: only features not rendered
     * at their current version (new, edited, or never asked for) are read and rendered.
     */
    private Rendered renderAfter(Layer l, long revision, Envelope box, int limit, long after, double simplify,
                                 int precision, HttpServletRequest request) throws IOException {
        List<FeatureKey> keys = store.keysAfter(l, box == null ? null : Geometries.STORAGE.toGeometry(box), List.of(),
                limit, after);
        String prefix = renderingKey(l, revision, simplify, precision);
        byte[][] parts = new byte[keys.size()][];
        Map<Long, Integer> missing = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            FeatureKey k = keys.get(i);
            parts[i] = rendered.get(prefix + k.id() + '.' + k.version());
            if (parts[i] == null) {
                missing.put(k.id(), i);
            }
        }
        if (!missing.isEmpty()) {
            long[] ids = missing.keySet().stream().mapToLong(Long::longValue).toArray();
            // a feature deleted since its key was read stays out of the page; one edited since is shown as it is now
            for (Feature f : store.get(l, ids)) {
                parts[missing.get(f.id())] = rendering(prefix, f, simplify, precision);
            }
        }
        int returned = 0;
        for (byte[] part : parts) {
            returned += part == null ? 0 : 1;
        }
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("numberReturned", returned);
        members.put("limit", limit);
        members.put("after", after);
        long lastId = keys.size() < limit ? Long.MAX_VALUE : keys.get(keys.size() - 1).id();
        return page(parts, members, lastId, request);
    }

    /**
     * A FeatureCollection of rendered features (null ones left out) and members, gzipped; a full page (one with a
     * last id) names the next one.
     */
    private static Rendered page(byte[][] parts, Map<String, Object> members, long lastId, HttpServletRequest request)
            throws IOException {
        if (lastId != Long.MAX_VALUE) {
            members.put("next", nextPage(request, lastId));
        }
        byte[] tail = JSON.writeValueAsBytes(members);
        return new Rendered(GzippedAnswers.render(stream -> {
            stream.write(PAGE_HEAD);
            boolean first = true;
            for (byte[] part : parts) {
                if (part != null) {
                    if (!first) {
                        stream.write(',');
                    }
                    stream.write(part);
                    first = false;
                }
            }
            stream.write(']');
            stream.write(',');
            // the members' object without its opening brace
            stream.write(tail, 1, tail.length - 1);
        }), lastId);
    }

    /**
     * What a rendering of a feature depends on besides its id and version: the layer and its last whole-layer change,
     * the simplification, the decimals and the audience.
     */
    private String renderingKey(Layer l, long revision, double simplify, int precision) {
        return l.name() + '|' + areas.lastWholeChange(l, revision) + '|' + simplify + '|' + precision + '|'
                + FeatureJson.namesShown() + '|';
    }

    /**
     * One feature as GeoJSON, kept under its key: simplified for display by {@code simplify} metres taken as degrees
     * of latitude (111.32 km each; 0: as stored).
     */
    private byte[] rendering(String prefix, Feature f, double simplify, int precision) throws IOException {
        double tolerance = simplify / 111_320.0;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (GeoJsonWriter out = new GeoJsonWriter(bytes, precision)) {
            if (tolerance > 0) {
                out.feature(f.id(), Geometries.toStoredMultiPolygon(TopologyPreservingSimplifier.simplify(f.geometry(),
                        tolerance)), FeatureJson.properties(f), Map.of("meta", FeatureJson.meta(f)));
            } else {
                FeatureJson.write(out, f);
            }
        }
        byte[] json = bytes.toByteArray();
        rendered.put(prefix + f.id() + '.' + f.version(), json);
        return json;
    }

    /** This request's path and parameters with {@code after} the given id (and no {@code offset}). */
    private static String nextPage(HttpServletRequest request, long lastId) {
        StringBuilder next = new StringBuilder(request.getRequestURI()).append('?');
        for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
            if (p.getKey().equals("after") || p.getKey().equals("offset")) {
                continue;
            }
            for (String v : p.getValue()) {
                next.append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8))
                        .append('&');
            }
        }
        return next.append("after=").append(lastId).toString();
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
        FeatureJson.respond(response, f, HttpStatus.OK.value());
    }
}
