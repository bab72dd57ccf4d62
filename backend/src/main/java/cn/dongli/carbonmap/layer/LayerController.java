package cn.dongli.carbonmap.layer;

import java.io.IOException;
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
    /** Tells this process's ETags from another's (a new version may render the same revision differently). */
    private final String instance = Long.toString(System.currentTimeMillis(), 36);

    LayerController(LayerCatalog catalog, FeatureStore store, FeatureValidator validator,
                    FeaturePageSettings settings) {
        this.catalog = catalog;
        this.store = store;
        this.validator = validator;
        this.pages = new RenderedPages(settings.cacheBytes());
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
                  @RequestParam(defaultValue = "0") double simplify, @RequestParam(defaultValue = "-1") int precision,
                  HttpServletRequest request, HttpServletResponse response) throws IOException {
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
        // the page changes only with its layer: browsers revalidate with the layer's revision as ETag, and a page
        // already rendered for this revision is sent as it is
        long revision = store.lastChange(l);
        // account names are for signed-in staff only: the two audiences get pages (and ETags) of their own
        boolean names = FeatureJson.namesShown();
        String etag = "W/\"" + instance + "." + revision + (names ? ".s" : "") + "\"";
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        if (etag.equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatus(HttpStatus.NOT_MODIFIED.value());
            return;
        }
        String key = l.name() + '|' + (box == null ? "" : box.getMinX() + "," + box.getMinY() + "," + box.getMaxX()
                + "," + box.getMaxY()) + '|' + limit + '|' + offset + '|' + simplify + '|' + precision + '|' + names;
        RenderedPages.Page page = pages.get(key, revision).orElse(null);
        if (page == null) {
            page = new RenderedPages.Page(revision, render(l, box, limit, offset, simplify, precision));
            pages.put(key, page);
        }
        response.setContentType(GEOJSON);
        response.setCharacterEncoding("UTF-8");
        GzippedAnswers.send(request, response, page.gzip());
    }

    /** One page of features as gzipped GeoJSON. */
    private byte[] render(Layer l, Envelope box, int limit, long offset, double simplify, int precision)
            throws IOException {
        List<Feature> features = store.find(l, box, limit, offset);
        // display simplification: a tolerance in metres taken as degrees of latitude (111.32 km each)
        double tolerance = simplify / 111_320.0;
        return GzippedAnswers.render(stream -> {
            try (GeoJsonWriter out = new GeoJsonWriter(stream, precision)) {
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
        });
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
