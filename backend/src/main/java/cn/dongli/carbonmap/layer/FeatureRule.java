package cn.dongli.carbonmap.layer;

import java.util.Map;

/** A rule across several attributes of one feature, e.g. "the PV area cannot exceed the roof area". */
@FunctionalInterface
public interface FeatureRule {

    /**
     * Checks typed attribute values (absent values are null).
     *
     * @return why the feature breaks the rule, or {@code null} if it does not
     */
    String check(Map<String, Object> attributes);
}
