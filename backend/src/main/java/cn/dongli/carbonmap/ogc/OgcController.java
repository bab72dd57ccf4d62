package cn.dongli.carbonmap.ogc;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.geom.io.GeoJsonWriter;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureJson;
import cn.dongli.carbonmap.layer.FeatureNotFoundException;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * OGC API – Features, Part 1 (Core, GeoJSON, OpenAPI 3.0) and Part 2 (CRS by reference), at {@code /ogc}.
 *
 * <p>Links are absolute and built from the request as {@code ForwardedRequests} resolved it: right behind a reverse
 * proxy listed in {@code carbonmap.http.trusted-proxies} that sends {@code X-Forwarded-*}, and never to a {@code Host}
 * a client made up (only {@code carbonmap.http.allowed-hosts}, {@code localhost} or the address reached). JSON is the only encoding: {@code f=json}
 * or an {@code Accept} that admits JSON; anything else is 406 (or 400 for another {@code f}).
 */
@RestController
@RequestMapping("/ogc")
class OgcController {

    static final String GEOJSON = "application/geo+json";
    static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs");

    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final OgcSettings settings;
    private final Clock clock;

    OgcController(LayerCatalog catalog, FeatureStore store, OgcSettings settings, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping({"", "/"})
    ResponseEntity<Map<String, Object>> landingPage(HttpServletRequest request) {
        negotiate(request, MediaType.APPLICATION_JSON);
        String base = base(request);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", "CarbonMap · 东丽区碳汇与空间规划一张图");
        m.put("description", "Dongli District's planning layers (control zones, streets, land cover, forest plots,"
                + " parks, high-standard farmland, rooftop PV) as OGC API – Features; CGCS2000 stored.");
        m.put("links", List.of(
                link(base, "self", "application/json", "this document"),
                link(base + "/api", "service-desc", OpenApiDocument.MEDIA_TYPE, "the API definition (OpenAPI 3.0)"),
                link(base + "/conformance", "conformance", "application/json", "the conformance classes"),
                link(base + "/collections", "data", "application/json", "the layers")));
        return json(m, MediaType.APPLICATION_JSON);
    }

    @GetMapping("/conformance")
    ResponseEntity<Map<String, Object>> conformance(HttpServletRequest request) {
        negotiate(request, MediaType.APPLICATION_JSON);
        return json(Map.of("conformsTo", CONFORMANCE), MediaType.APPLICATION_JSON);
    }

    @GetMapping("/api")
    ResponseEntity<Map<String, Object>> api(HttpServletRequest request) {
        MediaType openapi = MediaType.parseMediaType(OpenApiDocument.MEDIA_TYPE);
        negotiate(request, openapi);
        return json(OpenApiDocument.build(base(request), catalog.all(), settings), openapi);
    }

    @GetMapping("/collections")
    ResponseEntity<Map<String, Object>> collections(HttpServletRequest request) {
        negotiate(request, MediaType.APPLICATION_JSON);
        String base = base(request);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Layer layer : catalog.all()) {
            list.add(collection(base, layer));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("links", List.of(link(base + "/collections", "self", "application/json", "the layers")));
        m.put("collections", list);
        return json(m, MediaType.APPLICATION_JSON);
    }

    @GetMapping("/collections/{collectionId}")
    ResponseEntity<Map<String, Object>> collection(@PathVariable String collectionId, HttpServletRequest request) {
        negotiate(request, MediaType.APPLICATION_JSON);
        return json(collection(base(request), catalog.get(collectionId)), MediaType.APPLICATION_JSON);
    }

    private Map<String, Object> collection(String base, Layer layer) {
        String self = base + "/collections/" + layer.name();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", layer.name());
        m.put("title", layer.titleZh() + " · " + layer.titleEn());
        m.put("description", layer.titleEn() + " (" + layer.titleZh() + "): MultiPolygons with "
                + String.join(", ", layer.attributes().stream().map(a -> a.name()).toList()));
        m.put("itemType", "feature");
        store.extent(layer).ifPresent(e -> m.put("extent", Map.of("spatial", Map.of(
                "bbox", List.of(List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY())),
                "crs", OgcCrs.CRS84.uri()))));
        m.put("crs", OgcCrs.uris());
        m.put("storageCrs", OgcCrs.CGCS2000.uri());
        m.put("links", List.of(
                link(self, "self", "application/json", "this collection"),
                link(self + "/items", "items", GEOJSON, "the features"),
                link(base + "/collections", "collection", "application/json", "all layers")));
        return m;
    }

    @GetMapping("/collections/{collectionId}/items")
    void items(@PathVariable String collectionId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Layer layer = catalog.get(collectionId);
        negotiate(request, MediaType.parseMediaType(GEOJSON));
        ItemsQuery q = ItemsQuery.parse(layer, request.getParameterMap(), settings);
        long matched = store.countMatching(layer, q.area(), q.filters());
        // a page is read after the last feature of the one before (keyset), one feature more telling whether a next
        // page exists; an offset (a client's own) still reads as before
        List<Feature> page;
        boolean more;
        if (q.offset() > 0) {
            page = store.find(layer, q.area(), q.filters(), q.limit(), q.offset());
            more = q.offset() + page.size() < matched;
        } else {
            page = new ArrayList<>(store.findAfter(layer, q.area(), q.filters(), q.limit() + 1,
                    q.after() == null ? 0 : q.after()));
            more = page.size() > q.limit();
            if (more) {
                page.remove(page.size() - 1);
            }
        }

        String items = base(request) + "/collections/" + layer.name() + "/items";
        List<Map<String, Object>> links = new ArrayList<>();
        links.add(link(items + (q.after() == null ? query(q.parameters(), q.limit(), q.offset())
                : query(q.parameters(), q.limit(), "after", q.after())), "self", GEOJSON, "this page"));
        if (more && !page.isEmpty()) {
            links.add(link(items + query(q.parameters(), q.limit(), "after", page.get(page.size() - 1).id()), "next",
                    GEOJSON, "the next page"));
        }
        if (q.offset() > 0) {
            links.add(link(items + query(q.parameters(), q.limit(), Math.max(0, q.offset() - q.limit())), "prev",
                    GEOJSON, "the previous page"));
        }
        links.add(link(base(request) + "/collections/" + layer.name(), "collection", "application/json",
                "the collection"));

        response.setContentType(GEOJSON);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Crs", q.crs().contentCrs());
        try (GeoJsonWriter out = new GeoJsonWriter(response.getOutputStream(), -1)) {
            out.startCollection();
            for (Feature f : page) {
                out.feature(f.id(), q.crs().fromStorage().apply(f.geometry(), 0), FeatureJson.properties(f), null);
            }
            Map<String, Object> members = new LinkedHashMap<>();
            members.put("numberMatched", matched);
            members.put("numberReturned", page.size());
            members.put("timeStamp", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
            members.put("links", links);
            out.endCollection(members);
        }
    }

    @GetMapping("/collections/{collectionId}/items/{featureId}")
    void item(@PathVariable String collectionId, @PathVariable String featureId, HttpServletRequest request,
              HttpServletResponse response) throws IOException {
        Layer layer = catalog.get(collectionId);
        negotiate(request, MediaType.parseMediaType(GEOJSON));
        for (String name : request.getParameterMap().keySet()) {
            if (!name.equals("crs") && !name.equals("f")) {
                throw ProblemException.badRequest("unknown-parameter", "a single feature takes only crs and f, not '"
                        + name + "'");
            }
        }
        OgcCrs crs = request.getParameter("crs") == null ? OgcCrs.CRS84
                : OgcCrs.parse(request.getParameter("crs"), "crs");
        long id;
        try {
            id = Long.parseLong(featureId);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("feature-not-found", "layer '" + layer.name() + "' has no feature '"
                    + featureId + "'");
        }
        Feature f = store.get(layer, id).orElseThrow(() -> new FeatureNotFoundException(layer.name(), id));
        String self = base(request) + "/collections/" + layer.name() + "/items/" + id;
        response.setContentType(GEOJSON);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Crs", crs.contentCrs());
        response.setHeader(HttpHeaders.ETAG, "\"" + f.version() + "\"");
        try (GeoJsonWriter out = new GeoJsonWriter(response.getOutputStream(), -1)) {
            out.feature(f.id(), crs.fromStorage().apply(f.geometry(), 0), FeatureJson.properties(f),
                    Map.of("links", List.of(link(self, "self", GEOJSON, "this feature"),
                            link(base(request) + "/collections/" + layer.name(), "collection", "application/json",
                                    "the collection"))));
        }
    }

    /**
     * Checks {@code f} and {@code Accept}: JSON is the one encoding offered.
     *
     * @throws ProblemException 400 for another {@code f}, 406 if the client accepts no JSON
     */
    private static void negotiate(HttpServletRequest request, MediaType offered) {
        String f = request.getParameter("f");
        if (f != null && !f.equals("json")) {
            throw ProblemException.badRequest("invalid-parameter", "f must be json (the only encoding offered), not '"
                    + f + "'");
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (f != null || accept == null || accept.isBlank()) {
            return;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw ProblemException.badRequest("invalid-accept", "the Accept header cannot be read: " + e.getMessage());
        }
        for (MediaType a : accepted) {
            if (a.isCompatibleWith(offered) || a.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                return;
            }
        }
        throw new ProblemException(406, "not-acceptable", "Not acceptable", "this API answers with "
                + offered + " (or application/json); add f=json or accept JSON");
    }

    private static ResponseEntity<Map<String, Object>> json(Map<String, Object> body, MediaType type) {
        return ResponseEntity.ok().contentType(type).body(body);
    }

    private static String base(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromContextPath(request).path("/ogc").build().toUriString();
    }

    private static String query(Map<String, String> parameters, int limit, long offset) {
        return query(parameters, limit, "offset", offset);
    }

    /** The query of a page: the request's parameters, the limit, and where the page starts (offset or after). */
    private static String query(Map<String, String> parameters, int limit, String start, long value) {
        StringBuilder sb = new StringBuilder("?");
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            sb.append(encode(e.getKey())).append('=').append(encode(e.getValue())).append('&');
        }
        return sb.append("limit=").append(limit).append('&').append(start).append('=').append(value).toString();
    }

    private static String encode(String s) {
        // commas stay readable (bbox=117.3,39.0,…); everything else is form-encoded, as servlets decode it
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%2C", ",");
    }

    private static Map<String, Object> link(String href, String rel, String type, String title) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("href", href);
        m.put("rel", rel);
        m.put("type", type);
        m.put("title", title);
        return m;
    }
}
