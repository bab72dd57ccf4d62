package cn.dongli.carbonmap.layer;

import java.util.List;

/**
 * A condition on one attribute, for reading only the features a consumer needs (e.g. the indicator engine needs the
 * new public-institution and factory rooftops, not every house).
 *
 * @param attribute the attribute's name in the layer's schema
 * @param op how the value is compared
 * @param values the values: any of them for {@link Op#IN}, the one bound for {@link Op#AT_LEAST}
 */
public record AttributeFilter(String attribute, Op op, List<?> values) {

    /** The comparisons a filter can make. */
    public enum Op {
        /** The value is one of the values. */
        IN,
        /** The value is at least the (single) value. */
        AT_LEAST
    }

    /** The attribute's value is one of the values. */
    public static AttributeFilter in(String attribute, List<?> values) {
        return new AttributeFilter(attribute, Op.IN, List.copyOf(values));
    }

    /** The attribute's value is at least the bound. */
    public static AttributeFilter atLeast(String attribute, Object bound) {
        return new AttributeFilter(attribute, Op.AT_LEAST, List.of(bound));
    }
}
