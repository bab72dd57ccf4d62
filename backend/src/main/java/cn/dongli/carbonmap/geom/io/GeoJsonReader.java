package cn.dongli.carbonmap.geom.io;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

import cn.dongli.carbonmap.geom.Crs;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a GeoJSON FeatureCollection (or a single Feature) feature by feature with a streaming parser.
 *
 * <p>Only Polygon and MultiPolygon geometries are taken; other types, unclosed rings, rings with fewer than four
 * positions and non-numeric coordinates are reported per feature. The GeoJSON 2008 {@code crs} member
 * (e.g. {@code urn:ogc:def:crs:EPSG::4548}) is honoured, as many Chinese exports still write it; without it the
 * coordinates are longitude/latitude (RFC 7946). Nesting is limited, so a hostile document cannot exhaust the stack.
 */
public final class GeoJsonReader {

    /** The JSON mapper the readers and writers share: no NaN, bounded nesting and token sizes. */
    static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(64)
                            .maxNumberLength(64)
                            .maxStringLength(1_000_000)
                            .maxNameLength(1_000)
                            .build())
                    .build())
            // features are read one at a time from the middle of the document
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 0);

    private GeoJsonReader() {
    }

    /**
     * Reads the whole stream.
     *
     * @throws UnreadableInputException if the JSON is malformed or is not a FeatureCollection or Feature
     */
    public static SourceDataset read(InputStream in) throws UnreadableInputException {
        List<SourceFeature> features = new ArrayList<>();
        Crs.Code crs = null;
        String type = null;
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new UnreadableInputException("a GeoJSON document must be a JSON object" + at(p));
            }
            Map<String, JsonNode> single = new LinkedHashMap<>();
            boolean collection = false;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "type" -> {
                        type = value == JsonToken.VALUE_STRING ? p.getString() : "?";
                        p.skipChildren();
                    }
                    case "features" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new UnreadableInputException("'features' must be an array" + at(p));
                        }
                        if (collection) {
                            // a second array would go on numbering features as if it were part of the first
                            throw new UnreadableInputException("the GeoJSON object has 'features' twice" + at(p));
                        }
                        collection = true;
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            JsonNode node = JSON.readTree(p);
                            features.add(feature(features.size(), node));
                        }
                    }
                    case "crs" -> crs = crs(JSON.readTree(p));
                    default -> single.put(name, JSON.readTree(p));
                }
            }
            if (p.nextToken() != null) {
                throw new UnreadableInputException("unexpected content after the GeoJSON object" + at(p));
            }
            if ("Feature".equals(type)) {
                if (collection) {
                    // the single feature would take index 0 a second time, and one of the two would be lost
                    throw new UnreadableInputException("the GeoJSON object is a Feature but has a 'features' array"
                            + " like a FeatureCollection; it cannot be both");
                }
                single.put("type", JSON.getNodeFactory().stringNode("Feature"));
                JsonNode node = JSON.valueToTree(single);
                features.add(feature(0, node));
            } else if (!"FeatureCollection".equals(type)) {
                throw new UnreadableInputException("expected a GeoJSON FeatureCollection or Feature, got type '"
                        + type + "'");
            }
        } catch (JacksonException e) {
            TokenStreamLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            if (e instanceof StreamConstraintsException) {
                // Jackson names the configuration method of the limit ("…, from `StreamReadConstraints.…()`"):
                // the limit and the value are kept, the library's internals are not
                throw new UnreadableInputException("the JSON" + where + " exceeds a limit: "
                        + e.getOriginalMessage().replaceAll(",? from `[^`]*`", ""), e);
            }
            throw new UnreadableInputException("malformed JSON" + where + ": " + e.getOriginalMessage(), e);
        }
        return new SourceDataset(features, crs, "GeoJSON");
    }

    private static String at(JsonParser p) {
        TokenStreamLocation loc = p.currentTokenLocation();
        return " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    private static Crs.Code crs(JsonNode node) throws UnreadableInputException {
        JsonNode name = node.path("properties").path("name");
        if (!name.isString()) {
            return null;
        }
        try {
            return Crs.parse(name.asString());
        } catch (IllegalArgumentException e) {
            throw new UnreadableInputException("the document's crs member names an unknown CRS: " + name.asString());
        }
    }

    private static SourceFeature feature(int index, JsonNode node) {
        Map<String, Object> properties = properties(node.get("properties"));
        if (!node.isObject() || !"Feature".equals(node.path("type").asString(null))) {
            return SourceFeature.unreadable(index, properties, "not a GeoJSON Feature");
        }
        JsonNode id = node.get("id");
        if (id != null && !id.isNull() && !properties.containsKey("id")) {
            properties.put("source_id", value(id));
        }
        JsonNode g = node.get("geometry");
        if (g == null || g.isNull()) {
            return SourceFeature.unreadable(index, properties, "the feature has no geometry");
        }
        try {
            return SourceFeature.of(index, geometry(g), properties);
        } catch (BadGeometry e) {
            return SourceFeature.unreadable(index, properties, e.getMessage());
        }
    }

    private static Map<String, Object> properties(JsonNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            out.put(e.getKey(), value(e.getValue()));
        }
        return out;
    }

    static Object value(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isString()) {
            return v.asString();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        return JSON.treeToValue(v, Object.class);
    }

    private static Geometry geometry(JsonNode g) throws BadGeometry {
        String type = g.path("type").asString("");
        JsonNode coords = g.get("coordinates");
        switch (type) {
            case "Polygon" -> {
                return polygon(coords, 1);
            }
            case "MultiPolygon" -> {
                if (coords == null || !coords.isArray() || coords.isEmpty()) {
                    throw new BadGeometry("a MultiPolygon needs an array of polygons");
                }
                Polygon[] parts = new Polygon[coords.size()];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = polygon(coords.get(i), i + 1);
                }
                return FACTORY.createMultiPolygon(parts);
            }
            case "" -> throw new BadGeometry("the geometry has no type");
            default -> throw new BadGeometry("wrong geometry type " + type + ": this layer holds polygons");
        }
    }

    private static Polygon polygon(JsonNode rings, int part) throws BadGeometry {
        if (rings == null || !rings.isArray() || rings.isEmpty()) {
            throw new BadGeometry("polygon " + part + " needs an array of rings");
        }
        LinearRing shell = ring(rings.get(0), part, 1);
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i), part, i + 1);
        }
        return FACTORY.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode positions, int part, int ring) throws BadGeometry {
        String where = "ring " + ring + " of polygon " + part;
        if (positions == null || !positions.isArray()) {
            throw new BadGeometry(where + " is not an array of positions");
        }
        int n = positions.size();
        Coordinate[] cs = new Coordinate[n];
        Iterator<JsonNode> it = positions.iterator();
        for (int i = 0; i < n; i++) {
            JsonNode pos = it.next();
            if (!pos.isArray() || pos.size() < 2 || !pos.get(0).isNumber() || !pos.get(1).isNumber()) {
                throw new BadGeometry(where + ": position " + (i + 1) + " is not [x, y] numbers");
            }
            double x = pos.get(0).doubleValue();
            double y = pos.get(1).doubleValue();
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                throw new BadGeometry(where + ": position " + (i + 1) + " is not finite");
            }
            cs[i] = new Coordinate(x, y);
        }
        if (n < 4) {
            throw new BadGeometry(where + " has " + n + " positions; a closed ring needs at least 4");
        }
        if (!cs[0].equals2D(cs[n - 1])) {
            throw new BadGeometry(where + " is not closed: its first and last positions differ");
        }
        return FACTORY.createLinearRing(cs);
    }

    /** A feature-level geometry problem; never leaves this class. */
    private static final class BadGeometry extends Exception {
        private static final long serialVersionUID = 1L;

        BadGeometry(String message) {
            super(message, null, false, false);
        }
    }
}
