package cn.dongli.carbonmap.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import cn.dongli.carbonmap.error.ProblemException;
import tools.jackson.databind.JsonNode;

/**
 * A JSON request body read member by member, so that a misspelt member is refused by name instead of ignored, and a
 * member sent as null is told from one not sent.
 */
final class JsonBody {

    private final JsonNode node;

    private JsonBody(JsonNode node) {
        this.node = node;
    }

    /**
     * @throws ProblemException 400 unless the body is an object whose members are all among {@code allowed}
     */
    static JsonBody of(JsonNode node, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw ProblemException.badRequest("invalid-body", "send a JSON object");
        }
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                throw ProblemException.badRequest("invalid-body", "unknown member '" + name + "'; the members are "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return new JsonBody(node);
    }

    boolean has(String name) {
        return node.has(name);
    }

    /** A string member, or null if absent or null. */
    String string(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw invalid(name, "a string");
        }
        return v.stringValue();
    }

    /** An integer member, or null if absent or null. */
    Integer integer(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw invalid(name, "an integer");
        }
        return v.intValue();
    }

    /** A boolean member, or null if absent or null. */
    Boolean bool(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw invalid(name, "true or false");
        }
        return v.booleanValue();
    }

    /** An array of integers, or null if absent or null. */
    List<Long> longs(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw invalid(name, "an array of ids");
        }
        List<Long> out = new ArrayList<>();
        for (JsonNode e : v.values()) {
            if (!e.isIntegralNumber()) {
                throw invalid(name, "an array of ids");
            }
            out.add(e.longValue());
        }
        return out;
    }

    /** The member as a node, or null if absent. */
    JsonNode node(String name) {
        return node.get(name);
    }

    private static ProblemException invalid(String name, String what) {
        return ProblemException.badRequest("invalid-body", "'" + name + "' must be " + what);
    }
}
