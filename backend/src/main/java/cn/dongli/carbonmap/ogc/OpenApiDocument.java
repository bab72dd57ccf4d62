package cn.dongli.carbonmap.ogc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.dongli.carbonmap.layer.Attribute;
import cn.dongli.carbonmap.layer.Layer;

/**
 * The OpenAPI 3.0 definition of the OGC API ({@code /ogc/api}), written out from the catalogue so that it always
 * describes the real endpoints: one path per collection, and on each items path one query parameter per attribute.
 * GDAL's OAPIF driver reads those parameters to send attribute filters to the server instead of filtering itself.
 */
final class OpenApiDocument {

    static final String MEDIA_TYPE = "application/vnd.oai.openapi+json;version=3.0";

    private OpenApiDocument() {
    }

    /** The document for an API whose landing page is at {@code base}. */
    static Map<String, Object> build(String base, List<Layer> layers, OgcSettings settings) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", map("title", "CarbonMap OGC API – Features · 东丽区碳汇与空间规划一张图",
                "version", "1.0.0",
                "description", "The planning layers of Dongli District, Tianjin, as OGC API – Features Part 1 and"
                        + " Part 2 (CRS84, EPSG:4490 latitude first, EPSG:4548 northing first). Read-only."));
        doc.put("servers", List.of(map("url", base)));
        Map<String, Object> paths = new LinkedHashMap<>();
        paths.put("/", get("getLandingPage", "The landing page", List.of(ref("f")), "LandingPage", false));
        paths.put("/conformance", get("getConformanceDeclaration", "The conformance classes", List.of(ref("f")),
                "ConformanceDeclaration", false));
        paths.put("/api", map("get", operation("getApiDefinition", "This document", List.of(ref("f")),
                map("200", map("description", "The OpenAPI 3.0 definition",
                        "content", map(MEDIA_TYPE, map("schema", map("type", "object"))))))));
        paths.put("/collections", get("getCollections", "The seven layers", List.of(ref("f")), "Collections",
                false));
        for (Layer layer : layers) {
            String p = "/collections/" + layer.name();
            String title = layer.titleZh() + " · " + layer.titleEn();
            paths.put(p, get("describeCollection_" + layer.name(), title, List.of(ref("f")), "Collection", true));
            List<Object> params = new ArrayList<>(List.of(ref("limit"), ref("offset"), ref("after"), ref("bbox"), ref("bbox-crs"),
                    ref("crs"), ref("f")));
            for (Attribute a : layer.attributes()) {
                params.add(attributeParameter(a));
            }
            paths.put(p + "/items", get("getFeatures_" + layer.name(), "Features of " + title, params, "Features",
                    true));
            paths.put(p + "/items/{featureId}", get("getFeature_" + layer.name(), "One feature of " + title,
                    List.of(ref("featureId"), ref("crs"), ref("f")), "Feature", true));
        }
        doc.put("paths", paths);
        doc.put("components", map("parameters", parameters(settings), "schemas", schemas(), "responses",
                responses()));
        return doc;
    }

    private static Map<String, Object> get(String id, String summary, List<Object> parameters, String response,
                                           boolean notFound) {
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", ref("responses", response));
        responses.put("400", ref("responses", "InvalidParameter"));
        if (notFound) {
            responses.put("404", ref("responses", "NotFound"));
        }
        responses.put("406", ref("responses", "NotAcceptable"));
        responses.put("500", ref("responses", "ServerError"));
        return map("get", operation(id, summary, parameters, responses));
    }

    private static Map<String, Object> operation(String id, String summary, List<Object> parameters,
                                                 Map<String, Object> responses) {
        return map("operationId", id, "summary", summary, "parameters", parameters, "responses", responses);
    }

    private static Map<String, Object> attributeParameter(Attribute a) {
        Map<String, Object> schema = new LinkedHashMap<>();
        switch (a.type()) {
            case STRING -> schema.put("type", "string");
            case ENUM -> {
                schema.put("type", "string");
                schema.put("enum", a.values());
            }
            case INTEGER -> schema.put("type", "integer");
            case DECIMAL -> schema.put("type", "number");
            case BOOLEAN -> schema.put("type", "boolean");
            case DATE -> {
                schema.put("type", "string");
                schema.put("format", "date");
            }
        }
        return map("name", a.name(), "in", "query", "required", false,
                "description", "only features whose " + a.name() + " (" + a.titleZh() + ") equals this value",
                "style", "form", "explode", false, "schema", schema);
    }

    private static Map<String, Object> parameters(OgcSettings settings) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("limit", query("limit", "features per page (more than " + settings.maxLimit() + " are served as "
                + settings.maxLimit() + ")", map("type", "integer", "minimum", 1, "default", settings.defaultLimit())));
        p.put("offset", query("offset", "features skipped (the next links carry after instead)",
                map("type", "integer", "minimum", 0, "default", 0)));
        p.put("after", query("after", "only features whose id is greater: the page after the one ending with that"
                + " feature (the next link carries it)", map("type", "integer", "minimum", 0)));
        p.put("bbox", query("bbox", "lower corner then upper corner in the axis order of bbox-crs (CRS84:"
                        + " lon,lat,lon,lat); features intersecting the box",
                map("type", "array", "minItems", 4, "maxItems", 6, "items", map("type", "number"))));
        p.put("bbox-crs", query("bbox-crs", "the CRS of bbox (default CRS84)",
                map("type", "string", "format", "uri", "enum", OgcCrs.uris())));
        p.put("crs", query("crs", "the CRS of the response's coordinates (default CRS84); EPSG:4490 is latitude"
                + " first, EPSG:4548 northing first", map("type", "string", "format", "uri", "enum", OgcCrs.uris())));
        p.put("f", query("f", "the encoding (JSON; GeoJSON for features)",
                map("type", "string", "enum", List.of("json"))));
        p.put("featureId", map("name", "featureId", "in", "path", "required", true, "description",
                "the feature's id", "schema", map("type", "integer", "format", "int64")));
        return p;
    }

    private static Map<String, Object> query(String name, String description, Map<String, Object> schema) {
        return map("name", name, "in", "query", "required", false, "description", description, "style", "form",
                "explode", false, "schema", schema);
    }

    private static Map<String, Object> schemas() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("link", object(List.of("href", "rel"), map("href", string(), "rel", string(), "type", string(),
                "title", string())));
        s.put("links", map("type", "array", "items", ref("schemas", "link")));
        s.put("landingPage", object(List.of("links"), map("title", string(), "description", string(),
                "links", ref("schemas", "links"))));
        s.put("confClasses", object(List.of("conformsTo"), map("conformsTo", map("type", "array",
                "items", string()))));
        s.put("extent", object(List.of(), map("spatial", object(List.of(), map("bbox", map("type", "array",
                "items", map("type", "array", "minItems", 4, "maxItems", 6, "items", map("type", "number"))),
                "crs", string())))));
        s.put("collection", object(List.of("id", "links"), map("id", string(), "title", string(),
                "description", string(), "itemType", string(), "extent", ref("schemas", "extent"),
                "crs", map("type", "array", "items", string()), "storageCrs", string(),
                "links", ref("schemas", "links"))));
        s.put("collections", object(List.of("links", "collections"), map("links", ref("schemas", "links"),
                "collections", map("type", "array", "items", ref("schemas", "collection")))));
        s.put("geometryGeoJSON", object(List.of("type"), map("type", map("type", "string",
                "enum", List.of("Polygon", "MultiPolygon")), "coordinates", map("type", "array",
                "items", map("type", "array", "items", map())))));
        s.put("featureGeoJSON", object(List.of("type", "geometry", "properties"), map(
                "type", map("type", "string", "enum", List.of("Feature")),
                "id", map("type", "integer", "format", "int64"),
                "geometry", ref("schemas", "geometryGeoJSON"),
                "properties", map("type", "object", "nullable", true),
                "links", ref("schemas", "links"))));
        s.put("featureCollectionGeoJSON", object(List.of("type", "features"), map(
                "type", map("type", "string", "enum", List.of("FeatureCollection")),
                "features", map("type", "array", "items", ref("schemas", "featureGeoJSON")),
                "links", ref("schemas", "links"),
                "timeStamp", map("type", "string", "format", "date-time"),
                "numberMatched", map("type", "integer", "minimum", 0),
                "numberReturned", map("type", "integer", "minimum", 0))));
        s.put("problem", object(List.of("type", "status"), map("type", string(), "title", string(),
                "status", map("type", "integer"), "detail", string(), "code", string())));
        return s;
    }

    private static Map<String, Object> responses() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("LandingPage", json("The landing page", "application/json", "landingPage", false));
        r.put("ConformanceDeclaration", json("The conformance classes", "application/json", "confClasses", false));
        r.put("Collections", json("The collections", "application/json", "collections", false));
        r.put("Collection", json("One collection", "application/json", "collection", false));
        r.put("Features", json("A page of features; next and prev links page through the rest",
                "application/geo+json", "featureCollectionGeoJSON", true));
        r.put("Feature", json("One feature", "application/geo+json", "featureGeoJSON", true));
        r.put("InvalidParameter", json("An unknown parameter or an invalid value", "application/problem+json",
                "problem", false));
        r.put("NotFound", json("No such collection or feature", "application/problem+json", "problem", false));
        r.put("NotAcceptable", json("None of the accepted media types is offered", "application/problem+json",
                "problem", false));
        r.put("ServerError", json("A server error", "application/problem+json", "problem", false));
        return r;
    }

    private static Map<String, Object> json(String description, String mediaType, String schema, boolean crs) {
        Map<String, Object> m = map("description", description,
                "content", map(mediaType, map("schema", ref("schemas", schema))));
        if (crs) {
            m.put("headers", map("Content-Crs", map("description", "the CRS of the coordinates, as <URI>",
                    "schema", string())));
        }
        return m;
    }

    private static Map<String, Object> object(List<String> required, Map<String, Object> properties) {
        Map<String, Object> m = map("type", "object");
        if (!required.isEmpty()) {
            m.put("required", required);
        }
        m.put("properties", properties);
        return m;
    }

    private static Map<String, Object> string() {
        return map("type", "string");
    }

    private static Map<String, Object> ref(String parameter) {
        return ref("parameters", parameter);
    }

    private static Map<String, Object> ref(String kind, String name) {
        return map("$ref", "#/components/" + kind + "/" + name);
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
