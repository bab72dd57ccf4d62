package cn.dongli.carbonmap.layer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the properties a feature arrived with into the layer's typed attributes, and says what is wrong with them.
 *
 * <p>Property names match an attribute exactly, case-insensitively, through one of its field aliases (DLBM, 名称) or as
 * the 10-character truncation a shapefile's DBF imposes ({@code CANOPY_CLO}). Values are coerced where the intent is
 * plain (the text "0.45" for a decimal, 1/0 and 是/否 for a boolean, a DBF date) and then checked against the type,
 * range, allowed codes and pattern, and finally against the layer's cross-attribute rules. Properties that match no
 * attribute are kept as extra properties.
 */
public final class AttributeValidator {

    private static final DateTimeFormatter COMPACT_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter SLASH_DATE = DateTimeFormatter.ofPattern("yyyy/M/d");

    private AttributeValidator() {
    }

    /**
     * The outcome for one feature.
     *
     * @param attributes typed values by attribute name (null where absent)
     * @param extra properties that are not attributes of the layer
     * @param problems one sentence per problem, each naming the attribute; empty when the feature is valid
     */
    public record Result(Map<String, Object> attributes, Map<String, Object> extra, List<String> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** Reads and checks the properties of one feature. */
    public static Result validate(Layer layer, Map<String, Object> properties) {
        Map<String, Attribute> byKey = keys(layer);
        Map<String, Object> raw = new HashMap<>();
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            Attribute a = match(byKey, e.getKey());
            if (a == null) {
                extra.put(e.getKey(), e.getValue());
            } else if (!raw.containsKey(a.name()) || e.getKey().equals(a.name())) {
                raw.put(a.name(), e.getValue());
            }
        }
        Map<String, Object> typed = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Attribute a : layer.attributes()) {
            if (typed.containsKey(a.name()) && typed.get(a.name()) != null) {
                continue; // set as the original code of an alias
            }
            try {
                Object value = coerce(a, raw.get(a.name()), typed);
                typed.put(a.name(), value);
                if (value == null && a.required()) {
                    problems.add(a.name() + " is required");
                }
            } catch (IllegalArgumentException ex) {
                typed.put(a.name(), null);
                problems.add(a.name() + ": " + ex.getMessage());
            }
        }
        if (problems.isEmpty()) {
            for (FeatureRule rule : layer.rules()) {
                String broken = rule.check(typed);
                if (broken != null) {
                    problems.add(broken);
                }
            }
        }
        return new Result(typed, extra, problems);
    }

    private static Map<String, Attribute> keys(Layer layer) {
        Map<String, Attribute> byKey = new HashMap<>();
        for (Attribute a : layer.attributes()) {
            for (String alias : a.fieldAliases()) {
                byKey.putIfAbsent(alias.toLowerCase(Locale.ROOT), a);
                // a DBF field name holds 10 bytes: 调查日期 written in UTF-8 arrives as 调查日
                byKey.putIfAbsent(truncateUtf8(alias.toLowerCase(Locale.ROOT), 10), a);
            }
        }
        for (Attribute a : layer.attributes()) {
            String lower = a.name().toLowerCase(Locale.ROOT);
            byKey.put(lower, a);
            if (lower.length() > 10) {
                byKey.putIfAbsent(lower.substring(0, 10), a);
            }
        }
        return byKey;
    }

    private static String truncateUtf8(String s, int maxBytes) {
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes + n > maxBytes) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static Attribute match(Map<String, Attribute> byKey, String key) {
        return byKey.get(key.trim().toLowerCase(Locale.ROOT));
    }

    private static Object coerce(Attribute a, Object v, Map<String, Object> typed) {
        if (v instanceof String s) {
            s = s.trim();
            if (s.isEmpty()) {
                return null;
            }
            v = s;
        }
        if (v == null) {
            return null;
        }
        return switch (a.type()) {
            case STRING -> string(a, v);
            case ENUM -> code(a, v, typed);
            case INTEGER -> integer(a, v);
            case DECIMAL -> decimal(a, v);
            case BOOLEAN -> bool(v);
            case DATE -> date(v);
        };
    }

    private static String string(Attribute a, Object v) {
        String s = v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15
                ? Long.toString(d.longValue()) : v.toString();
        if (v instanceof Map || v instanceof List) {
            throw new IllegalArgumentException("expected text, got " + describe(v));
        }
        if (s.length() > a.maxLength()) {
            throw new IllegalArgumentException("longer than " + a.maxLength() + " characters");
        }
        if (a.pattern() != null && !a.pattern().matcher(s).matches()) {
            throw new IllegalArgumentException("'" + s + "' does not match the pattern " + a.pattern().pattern());
        }
        return s;
    }

    private static String code(Attribute a, Object v, Map<String, Object> typed) {
        if (!(v instanceof String) && !(v instanceof Number)) {
            throw new IllegalArgumentException("expected one of " + String.join(", ", a.values()) + ", got "
                    + describe(v));
        }
        String s = v.toString().trim();
        if (a.values().contains(s)) {
            return s;
        }
        String lower = s.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        if (a.values().contains(lower)) {
            return lower;
        }
        String aliased = a.aliases().get(s);
        if (aliased != null) {
            if (a.keepAliasIn() != null) {
                typed.put(a.keepAliasIn(), s);
            }
            return aliased;
        }
        throw new IllegalArgumentException("'" + s + "' is not one of " + String.join(", ", a.values()));
    }

    private static Integer integer(Attribute a, Object v) {
        double d = number(v);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(v + " is not a whole number");
        }
        checkRange(a, d);
        return (int) d;
    }

    private static Double decimal(Attribute a, Object v) {
        double d = number(v);
        checkRange(a, d);
        return d;
    }

    private static double number(Object v) {
        double d;
        if (v instanceof Number n) {
            d = n instanceof BigDecimal b ? b.doubleValue() : n.doubleValue();
        } else if (v instanceof String s) {
            try {
                d = Double.parseDouble(s.replace(",", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + s + "' is not a number");
            }
        } else {
            throw new IllegalArgumentException("expected a number, got " + describe(v));
        }
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("'" + v + "' is not a finite number");
        }
        return d;
    }

    private static void checkRange(Attribute a, double d) {
        if (a.min() != null && d < a.min()) {
            throw new IllegalArgumentException(fmt(d) + " is below the minimum " + fmt(a.min()));
        }
        if (a.max() != null && d > a.max()) {
            throw new IllegalArgumentException(fmt(d) + " is above the maximum " + fmt(a.max()));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static Boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
            return n.doubleValue() == 1;
        }
        if (v instanceof String s) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "true", "t", "yes", "y", "1", "是", "已装" -> {
                    return true;
                }
                case "false", "f", "no", "n", "0", "否", "未装" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        throw new IllegalArgumentException("expected true or false, got " + describe(v));
    }

    private static LocalDate date(Object v) {
        if (v instanceof LocalDate d) {
            return d;
        }
        if (v instanceof String s) {
            for (DateTimeFormatter f : new DateTimeFormatter[] {DateTimeFormatter.ISO_LOCAL_DATE, COMPACT_DATE, SLASH_DATE}) {
                try {
                    return LocalDate.parse(s.length() > 10 && f == DateTimeFormatter.ISO_LOCAL_DATE ? s.substring(0, 10) : s, f);
                } catch (DateTimeParseException e) {
                    // try the next format
                }
            }
            throw new IllegalArgumentException("'" + s + "' is not a date (yyyy-mm-dd)");
        }
        throw new IllegalArgumentException("expected a date (yyyy-mm-dd), got " + describe(v));
    }

    private static String describe(Object v) {
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "an array";
        }
        return "'" + v + "'";
    }
}
