package cn.dongli.carbonmap.layer;

import java.util.LinkedHashMap;
import java.util.Map;

import cn.dongli.carbonmap.geom.io.GeoJsonWriter;

/**
 * How a stored feature is written as GeoJSON: the typed attributes then the extra properties, flat in
 * {@code properties}, so that an exported file imports again unchanged; version and authorship in the foreign member
 * {@code meta}.
 */
public final class FeatureJson {

    private FeatureJson() {
    }

    /** The properties object of a feature. */
    public static Map<String, Object> properties(Feature f) {
        Map<String, Object> p = new LinkedHashMap<>(f.attributes());
        for (Map.Entry<String, Object> e : f.extra().entrySet()) {
            p.putIfAbsent(e.getKey(), e.getValue());
        }
        return p;
    }

    /**
     * Whether the current request may see account names (who created, changed, surveyed what): signed-in staff only,
     * never anonymous readers (issue 17, item 9).
     */
    public static boolean namesShown() {
        org.springframework.security.core.Authentication a =
                org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return a != null && a.isAuthenticated()
                && !(a instanceof org.springframework.security.authentication.AnonymousAuthenticationToken);
    }

    /** An account name as the current request may see it: the name for staff, null for anonymous readers. */
    public static String name(String account) {
        return namesShown() ? account : null;
    }

    /** The {@code meta} member: version and who changed the feature when (who: for signed-in staff only). */
    public static Map<String, Object> meta(Feature f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layer", f.layer());
        m.put("version", f.version());
        boolean names = namesShown();
        m.put("createdBy", names ? f.createdBy() : null);
        m.put("createdAt", f.createdAt().toString());
        m.put("updatedBy", names ? f.updatedBy() : null);
        m.put("updatedAt", f.updatedAt().toString());
        return m;
    }

    /** The feature as a GeoJSON object of maps and lists (for embedding in other JSON, e.g. a 409 problem). */
    public static Map<String, Object> toMap(Feature f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "Feature");
        m.put("id", f.id());
        m.put("geometry", geometry(f.geometry()));
        m.put("properties", properties(f));
        m.put("meta", meta(f));
        return m;
    }

    /** A multipolygon as a GeoJSON geometry object of maps and lists. */
    public static Map<String, Object> geometry(org.locationtech.jts.geom.MultiPolygon mp) {
        java.util.List<Object> polygons = new java.util.ArrayList<>();
        for (int i = 0; i < mp.getNumGeometries(); i++) {
            org.locationtech.jts.geom.Polygon p = (org.locationtech.jts.geom.Polygon) mp.getGeometryN(i);
            java.util.List<Object> rings = new java.util.ArrayList<>();
            rings.add(ring(p.getExteriorRing()));
            for (int h = 0; h < p.getNumInteriorRing(); h++) {
                rings.add(ring(p.getInteriorRingN(h)));
            }
            polygons.add(rings);
        }
        return Map.of("type", "MultiPolygon", "coordinates", polygons);
    }

    private static java.util.List<double[]> ring(org.locationtech.jts.geom.LineString ring) {
        java.util.List<double[]> out = new java.util.ArrayList<>();
        for (int i = 0; i < ring.getNumPoints(); i++) {
            out.add(new double[] {ring.getCoordinateN(i).x, ring.getCoordinateN(i).y});
        }
        return out;
    }

    /** Answers a request with one feature as GeoJSON, its version as ETag. */
    public static void respond(jakarta.servlet.http.HttpServletResponse response, Feature f, int status)
            throws java.io.IOException {
        response.setStatus(status);
        response.setHeader("ETag", "\"" + f.version() + "\"");
        response.setContentType("application/geo+json");
        response.setCharacterEncoding("UTF-8");
        try (GeoJsonWriter out = new GeoJsonWriter(response.getOutputStream(), -1)) {
            write(out, f);
        }
    }

    /** Writes the feature in storage coordinates. */
    public static void write(GeoJsonWriter out, Feature f) {
        out.feature(f.id(), f.geometry(), properties(f), Map.of("meta", meta(f)));
    }
}
