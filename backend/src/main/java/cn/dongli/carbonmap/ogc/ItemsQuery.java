package cn.dongli.carbonmap.ogc;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.geom.Geometries;
import cn.dongli.carbonmap.layer.Attribute;
import cn.dongli.carbonmap.layer.AttributeFilter;
import cn.dongli.carbonmap.layer.Layer;

/**
 * The validated query of an items request: page, bounding box, attribute filters and output CRS.
 *
 * <p>Every parameter is checked against the API definition: an unknown parameter, or a filter on a property the layer's
 * schema does not have, is a 400 (OGC API – Features Part 1, /req/core/query-param-unknown). Filter values are typed
 * by the schema (an ENUM also accepts its Chinese aliases: {@code status=已建成}) and reach the database only as bind
 * parameters.
 *
 * @param limit features per page (already capped at the configured maximum)
 * @param offset features skipped
 * @param after only features of a greater id (keyset paging: the next links carry it), or {@code null}
 * @param area the bounding box as a longitude/latitude polygon, or {@code null}
 * @param filters equality filters on attributes
 * @param crs the CRS of the response
 * @param parameters the request's parameters other than limit, offset and after, in order, for the paging links
 */
record ItemsQuery(int limit, long offset, Long after, Geometry area, List<AttributeFilter> filters, OgcCrs crs,
                  Map<String, String> parameters) {

    /** Parameters every items request understands (besides the layer's attributes). */
    static final Set<String> STANDARD = Set.of("f", "limit", "offset", "after", "bbox", "bbox-crs", "crs");
    /** Points per side when a bounding box in a projected CRS is carried into longitude/latitude. */
    private static final int DENSIFY = 16;

    /**
     * Reads and checks the parameters.
     *
     * @throws ProblemException 400 on an unknown parameter or an invalid value
     */
    static ItemsQuery parse(Layer layer, Map<String, String[]> raw, OgcSettings settings) {
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : raw.entrySet()) {
            String name = e.getKey();
            if (!STANDARD.contains(name) && layer.attribute(name).isEmpty()) {
                throw ProblemException.badRequest("unknown-parameter", "'" + name + "' is neither a parameter of"
                        + " the items nor a property of " + layer.name() + " (properties: " + String.join(", ",
                        layer.attributes().stream().map(Attribute::name).toList()) + ")");
            }
            if (e.getValue().length != 1) {
                throw ProblemException.badRequest("invalid-parameter", "'" + name + "' is given more than once");
            }
            params.put(name, e.getValue()[0]);
        }
        int limit = settings.defaultLimit();
        if (params.containsKey("limit")) {
            limit = (int) Math.min(settings.maxLimit(), number(params.get("limit"), "limit", 1));
        }
        long offset = params.containsKey("offset") ? number(params.get("offset"), "offset", 0) : 0;
        Long after = params.containsKey("after") ? number(params.get("after"), "after", 0) : null;
        if (after != null && params.containsKey("offset")) {
            throw ProblemException.badRequest("invalid-parameter", "after and offset are not given together");
        }
        OgcCrs crs = params.containsKey("crs") ? OgcCrs.parse(params.get("crs"), "crs") : OgcCrs.CRS84;
        OgcCrs bboxCrs = params.containsKey("bbox-crs") ? OgcCrs.parse(params.get("bbox-crs"), "bbox-crs")
                : OgcCrs.CRS84;
        if (params.containsKey("bbox-crs") && !params.containsKey("bbox")) {
            throw ProblemException.badRequest("invalid-parameter", "bbox-crs is given without a bbox");
        }
        Geometry area = params.containsKey("bbox") ? area(params.get("bbox"), bboxCrs) : null;
        List<AttributeFilter> filters = new ArrayList<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!STANDARD.contains(e.getKey())) {
                Attribute a = layer.attribute(e.getKey()).orElseThrow();
                filters.add(AttributeFilter.in(a.name(), List.of(value(a, e.getValue()))));
            }
        }
        Map<String, String> kept = new LinkedHashMap<>(params);
        kept.remove("limit");
        kept.remove("offset");
        kept.remove("after");
        return new ItemsQuery(limit, offset, after, area, List.copyOf(filters), crs, kept);
    }

    private static long number(String text, String name, long min) {
        try {
            long v = Long.parseLong(text.trim());
            if (v >= min) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badRequest("invalid-parameter", name + " must be a whole number ≥ " + min
                + ", not '" + text + "'");
    }

    /**
     * The bbox as a longitude/latitude polygon: its four values are in the axis order of its CRS; a box in a projected
     * CRS is densified before it is carried over, so that its curved image is followed closely.
     */
    static Geometry area(String text, OgcCrs crs) {
        String[] parts = text.split(",");
        if (parts.length != 4 && parts.length != 6) {
            throw ProblemException.badRequest("invalid-bbox", "bbox must have 4 numbers (or 6 with heights)");
        }
        double[] v = new double[parts.length];
        for (int i = 0; i < v.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("invalid-bbox", "bbox value '" + parts[i] + "' is not a number");
            }
            if (!Double.isFinite(v[i])) {
                throw ProblemException.badRequest("invalid-bbox", "bbox values must be finite numbers");
            }
        }
        int hi = v.length / 2;
        double a1 = v[0];
        double a2 = v[1];
        double b1 = v[hi];
        double b2 = v[hi + 1];
        if (a1 > b1 || a2 > b2) {
            throw ProblemException.badRequest("invalid-bbox", "bbox must be lower corner then upper corner, in the"
                    + " axis order of " + crs.uri() + (crs.northingFirst() ? " (latitude or northing first)" : ""));
        }
        if (crs.geographic()) {
            double lonMin = crs.northingFirst() ? a2 : a1;
            double lonMax = crs.northingFirst() ? b2 : b1;
            double latMin = crs.northingFirst() ? a1 : a2;
            double latMax = crs.northingFirst() ? b1 : b2;
            if (lonMin < -180 || lonMax > 180 || latMin < -90 || latMax > 90) {
                throw ProblemException.badRequest("invalid-bbox", "bbox is outside −180..180 longitude, −90..90"
                        + " latitude in the axis order of " + crs.uri());
            }
        }
        int n = crs == OgcCrs.CGCS2000_GK_CM_117E ? DENSIFY : 1;
        double[] xy = new double[2 * (4 * n + 1)];
        int k = 0;
        for (int side = 0; side < 4; side++) {
            for (int i = 0; i < n; i++) {
                double t = (double) i / n;
                double x;
                double y;
                switch (side) {
                    case 0 -> { x = a1 + t * (b1 - a1); y = a2; }
                    case 1 -> { x = b1; y = a2 + t * (b2 - a2); }
                    case 2 -> { x = b1 - t * (b1 - a1); y = b2; }
                    default -> { x = a1; y = b2 - t * (b2 - a2); }
                }
                xy[k++] = x;
                xy[k++] = y;
            }
        }
        xy[k++] = a1;
        xy[k] = a2;
        try {
            crs.toStorage().transform(xy, xy.length / 2);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-bbox", "bbox cannot be carried into longitude/latitude: "
                    + e.getMessage());
        }
        Coordinate[] ring = new Coordinate[xy.length / 2];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = new Coordinate(xy[2 * i], xy[2 * i + 1]);
        }
        ring[ring.length - 1] = ring[0];
        if (a1 == b1 || a2 == b2) {
            // a degenerate box (a line or a point): its envelope still selects what touches it
            return Geometries.STORAGE.toGeometry(Geometries.STORAGE.createLineString(ring).getEnvelopeInternal());
        }
        return Geometries.STORAGE.createPolygon(ring);
    }

    private static Object value(Attribute a, String text) {
        String t = text.trim();
        try {
            return switch (a.type()) {
                case STRING -> text;
                case ENUM -> {
                    String code = a.values().contains(t) ? t : a.aliases().get(t);
                    if (code == null) {
                        throw ProblemException.badRequest("invalid-parameter", a.name() + " must be one of "
                                + String.join(", ", a.values()) + ", not '" + text + "'");
                    }
                    yield code;
                }
                case INTEGER -> Integer.valueOf(t);
                case DECIMAL -> {
                    double d = Double.parseDouble(t);
                    if (!Double.isFinite(d)) {
                        throw new NumberFormatException();
                    }
                    yield d;
                }
                case BOOLEAN -> {
                    if (!t.equals("true") && !t.equals("false")) {
                        throw ProblemException.badRequest("invalid-parameter", a.name()
                                + " must be true or false, not '" + text + "'");
                    }
                    yield Boolean.valueOf(t);
                }
                case DATE -> LocalDate.parse(t);
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw ProblemException.badRequest("invalid-parameter", a.name() + " must be a "
                    + a.type().name().toLowerCase() + (a.type().name().equals("DATE") ? " (yyyy-mm-dd)" : "")
                    + ", not '" + text + "'");
        }
    }
}
