package cn.dongli.carbonmap.geom.io;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One attribute column of an export: its name and value type. The writers map the types onto their formats (DBF
 * C/N/L/D, SQLite TEXT/INTEGER/REAL/BOOLEAN/DATE, CSV text).
 *
 * @param name the attribute's name, as in the features' property maps
 * @param type the value type
 */
public record ColumnSpec(String name, Type type) {

    /** The value types a column can hold; they mirror the layer catalogue's attribute types. */
    public enum Type {
        /** Text; any value is written through {@code toString()}. */
        STRING,
        /** A whole number (Long, Integer, Short, Byte, BigInteger in range, or an integral BigDecimal/Double). */
        INTEGER,
        /** A measurement (any Number; NaN and infinities are written as null). */
        DECIMAL,
        /** Yes or no (Boolean). */
        BOOLEAN,
        /** A calendar date (LocalDate, or ISO {@code yyyy-mm-dd} text). */
        DATE
    }

    public ColumnSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a column needs a name");
        }
    }

    /**
     * The feature's value for this column converted to the column's type: String, Long, BigDecimal, Boolean, LocalDate
     * or null.
     *
     * @throws IllegalArgumentException if the value cannot be taken as the column's type
     */
    Object valueOf(WritableFeature feature) {
        Object v = feature.properties().get(name);
        if (v == null) {
            return null;
        }
        try {
            return switch (type) {
                case STRING -> v.toString();
                case INTEGER -> integer(v);
                case DECIMAL -> decimal(v);
                case BOOLEAN -> bool(v);
                case DATE -> date(v);
            };
        } catch (ArithmeticException | DateTimeParseException | IllegalArgumentException e) {
            throw bad(feature, v);
        }
    }

    private IllegalArgumentException bad(WritableFeature feature, Object v) {
        return new IllegalArgumentException("feature " + feature.id() + ": the value '" + v + "' of column '" + name
                + "' is not a " + type.name().toLowerCase(Locale.ROOT));
    }

    private static Long integer(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.longValueExact();
        }
        if (v instanceof BigDecimal d) {
            return d.longValueExact();
        }
        if (v instanceof Double || v instanceof Float) {
            return BigDecimal.valueOf(((Number) v).doubleValue()).longValueExact();
        }
        if (v instanceof String s) {
            return Long.valueOf(s.trim());
        }
        throw new IllegalArgumentException();
    }

    private static BigDecimal decimal(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            // NaN and infinities have no place in a DBF or a CSV cell; null is the honest value
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        if (v instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (v instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (v instanceof String s) {
            return new BigDecimal(s.trim());
        }
        throw new IllegalArgumentException();
    }

    private static Boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException();
    }

    private static LocalDate date(Object v) {
        if (v instanceof LocalDate d) {
            return d;
        }
        if (v instanceof String s) {
            return LocalDate.parse(s.trim());
        }
        throw new IllegalArgumentException();
    }

    /**
     * Checks that the columns have distinct names, ignoring case (DBF and SQLite names are case-insensitive).
     *
     * @throws IllegalArgumentException on a repeated name
     */
    static void checkDistinct(List<ColumnSpec> columns) {
        Set<String> seen = new HashSet<>();
        for (ColumnSpec c : columns) {
            if (!seen.add(c.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("column '" + c.name() + "' is given twice");
            }
        }
    }
}
