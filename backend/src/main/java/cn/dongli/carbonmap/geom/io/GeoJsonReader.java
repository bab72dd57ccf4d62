package cn.dongli.carbonmap.geom.io;

import java.io.InputStream;
import java.util.ArrayList;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a GeoJSON FeatureCollection (or a single Feature) feature by feature with a streaming parser.
 *
 * <p>Only Polygon and MultiPolygon geometries are taken; other types, unclosed rings, rings with fewer than four
 * positions and non-numeric coordinates are reported per feature. The GeoJSON 2008 {@code crs} member
 * (e.g. {@code urn:ogc:def:crs:EPSG::4548}) is honoured, as many Chinese exports still write it; without it the
 * coordinates are longitude/latitude (RFC 7946). Nesting is limited, so a hostile document cannot exhaust the stack,
 * and nothing is parsed into a tree: features, vertices and property values are charged to a {@link ReadBudget} as the
 * tokens are read, so a huge ring or feature count stops the read when it reaches the limit, not once it is in memory.
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
     * Reads the whole stream within {@link ReadBudget.Limits#DEFAULT} (for the small bodies of the editing API).
     *
     * @throws UnreadableInputException if the JSON is malformed or is not a FeatureCollection or Feature
     */
    public static SourceDataset read(InputStream in) throws UnreadableInputException {
        return read(in, ReadBudget.start(ReadBudget.Limits.DEFAULT));
    }

    /**
     * Reads the whole stream within a budget. Nothing is parsed into a tree: positions, properties and members are
     * taken token by token and charged to the budget as they are read, so a feature over a limit (or a document that
     * takes too long) stops the read at that point.
     *
     * @throws InputLimitException if the document goes beyond a limit of the budget
     * @throws UnreadableInputException if the JSON is malformed or is not a FeatureCollection or Feature
     */
    public static SourceDataset read(InputStream in, ReadBudget budget) throws UnreadableInputException {
        List<SourceFeature> features = new ArrayList<>();
        Crs.Code crs = null;
        String type = null;
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new UnreadableInputException("a GeoJSON document must be a JSON object" + at(p));
            }
            // the members of a single Feature, should the document be one
            FeatureParts single = new FeatureParts();
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
                            int index = features.size();
                            budget.feature(index);
                            features.add(feature(p, index, budget));
                        }
                    }
                    case "crs" -> crs = crs(value(p, 0, budget));
                    default -> single.member(name, p, 0, budget);
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
                budget.feature(0);
                single.type = "Feature";
                features.add(single.toFeature(0));
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

    private static Crs.Code crs(Object value) throws UnreadableInputException {
        Object name = value instanceof Map<?, ?> m && m.get("properties") instanceof Map<?, ?> props
                ? props.get("name") : null;
        if (!(name instanceof String s)) {
            return null;
        }
        try {
            return Crs.parse(s);
        } catch (IllegalArgumentException e) {
            throw new UnreadableInputException("the document's crs member names an unknown CRS: " + s);
        }
    }

    /** Reads one element of the features array; the parser is at its first token. */
    private static SourceFeature feature(JsonParser p, int index, ReadBudget budget) throws UnreadableInputException {
        FeatureParts parts = new FeatureParts();
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return SourceFeature.unreadable(index, parts.properties, "not a GeoJSON Feature");
        }
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals("type")) {
                parts.type = p.currentToken() == JsonToken.VALUE_STRING ? p.getString() : null;
                p.skipChildren();
            } else {
                parts.member(name, p, index, budget);
            }
        }
        return parts.toFeature(index);
    }

    /** The members of a Feature as they are read: its type, id, properties and geometry. */
    private static final class FeatureParts {
        String type;
        Object id;
        Map<String, Object> properties = new LinkedHashMap<>();
        boolean hasGeometry;
        Object coordinates;
        String geometryType;

        /** Reads the member {@code name}; the parser is at its value's first token. Unknown members are skipped. */
        void member(String name, JsonParser p, int index, ReadBudget budget) throws UnreadableInputException {
            switch (name) {
                case "id" -> id = value(p, index, budget);
                case "properties" -> {
                    properties = new LinkedHashMap<>();
                    if (p.currentToken() == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                            String key = p.currentName();
                            p.nextToken();
                            budget.values(index, 1);
                            properties.put(key, value(p, index, budget));
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                case "geometry" -> {
                    hasGeometry = p.currentToken() != JsonToken.VALUE_NULL;
                    geometryType = "";
                    coordinates = null;
                    if (p.currentToken() != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        return;
                    }
                    long[] vertices = {0};
                    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                        String key = p.currentName();
                        JsonToken t = p.nextToken();
                        if (key.equals("type")) {
                            geometryType = t == JsonToken.VALUE_STRING ? p.getString() : "";
                            p.skipChildren();
                        } else if (key.equals("coordinates")) {
                            coordinates = coordinates(p, index, budget, vertices);
                        } else {
                            p.skipChildren();
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }

        SourceFeature toFeature(int index) {
            if (!"Feature".equals(type)) {
                return SourceFeature.unreadable(index, properties, "not a GeoJSON Feature");
            }
            if (id != null && !properties.containsKey("id")) {
                properties.put("source_id", id);
            }
            if (!hasGeometry) {
                return SourceFeature.unreadable(index, properties, "the feature has no geometry");
            }
            try {
                return SourceFeature.of(index, geometry(geometryType, coordinates), properties);
            } catch (BadGeometry e) {
                return SourceFeature.unreadable(index, properties, e.getMessage());
            }
        }
    }

    /**
     * A JSON value as a plain Java value (String, Long, Double, Boolean, Map, List or null), each nested value charged
     * to the budget; the parser is at its first token.
     */
    private static Object value(JsonParser p, int index, ReadBudget budget) throws UnreadableInputException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    budget.values(index, 1);
                    m.put(key, value(p, index, budget));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    budget.values(index, 1);
                    list.add(value(p, index, budget));
                }
                return list;
            }
            case VALUE_STRING -> {
                return p.getString();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? (Object) p.getDoubleValue()
                        : (Object) p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            default -> {
                return null;
            }
        }
    }

    /** A position: its first two members if they are numbers, and how many members it has. */
    private record Position(double x, double y, boolean numeric, int size) {
    }

    /** A member of a coordinates array that is neither an array nor a position. */
    private static final Object NOT_AN_ARRAY = new Object();

    /**
     * The coordinates member as nested lists whose leaves are {@link Position}s (an array that starts with a number),
     * each charged to the budget as a vertex as soon as it is read.
     */
    private static Object coordinates(JsonParser p, int index, ReadBudget budget, long[] vertices)
            throws UnreadableInputException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return NOT_AN_ARRAY;
        }
        JsonToken first = p.nextToken();
        if (first == JsonToken.VALUE_NUMBER_INT || first == JsonToken.VALUE_NUMBER_FLOAT) {
            double x = p.getDoubleValue();
            double y = 0;
            boolean numeric = false;
            int size = 1;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                size++;
                if (size == 2) {
                    numeric = t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
                    y = numeric ? p.getDoubleValue() : 0;
                }
                p.skipChildren();
            }
            vertices[0]++;
            budget.vertices(index, vertices[0], 1);
            if ((vertices[0] & 0xFFF) == 0) {
                budget.check(index);
            }
            return new Position(x, y, numeric, size);
        }
        List<Object> list = new ArrayList<>();
        for (JsonToken t = first; t != JsonToken.END_ARRAY; t = p.nextToken()) {
            list.add(coordinates(p, index, budget, vertices));
        }
        return list;
    }

    private static Geometry geometry(String type, Object coords) throws BadGeometry {
        switch (type) {
            case "Polygon" -> {
                return polygon(coords, 1);
            }
            case "MultiPolygon" -> {
                if (!(coords instanceof List<?> polygons) || polygons.isEmpty()) {
                    throw new BadGeometry("a MultiPolygon needs an array of polygons");
                }
                Polygon[] parts = new Polygon[polygons.size()];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = polygon(polygons.get(i), i + 1);
                }
                return FACTORY.createMultiPolygon(parts);
            }
            case "" -> throw new BadGeometry("the geometry has no type");
            default -> throw new BadGeometry("wrong geometry type " + type + ": this layer holds polygons");
        }
    }

    private static Polygon polygon(Object coords, int part) throws BadGeometry {
        if (coords instanceof Position) {
            // an array of numbers where an array of rings belongs
            throw new BadGeometry("ring 1 of polygon " + part + " is not an array of positions");
        }
        if (!(coords instanceof List<?> rings) || rings.isEmpty()) {
            throw new BadGeometry("polygon " + part + " needs an array of rings");
        }
        LinearRing shell = ring(rings.get(0), part, 1);
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i), part, i + 1);
        }
        return FACTORY.createPolygon(shell, holes);
    }

    private static LinearRing ring(Object coords, int part, int ring) throws BadGeometry {
        String where = "ring " + ring + " of polygon " + part;
        if (coords instanceof Position) {
            throw new BadGeometry(where + ": position 1 is not [x, y] numbers");
        }
        if (!(coords instanceof List<?> positions)) {
            throw new BadGeometry(where + " is not an array of positions");
        }
        int n = positions.size();
        Coordinate[] cs = new Coordinate[n];
        for (int i = 0; i < n; i++) {
            if (!(positions.get(i) instanceof Position pos) || !pos.numeric() || pos.size() < 2) {
                throw new BadGeometry(where + ": position " + (i + 1) + " is not [x, y] numbers");
            }
            if (!Double.isFinite(pos.x()) || !Double.isFinite(pos.y())) {
                throw new BadGeometry(where + ": position " + (i + 1) + " is not finite");
            }
            cs[i] = new Coordinate(pos.x(), pos.y());
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
