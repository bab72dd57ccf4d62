package cn.dongli.carbonmap.layer;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One typed attribute of a layer and the rules its values obey.
 *
 * @param name the name in GeoJSON properties and the API
 * @param column the database column (differs from the name where the name is an SQL keyword)
 * @param type the value type
 * @param required whether a value must be given
 * @param min smallest allowed number (inclusive), or null
 * @param max largest allowed number (inclusive), or null
 * @param values allowed codes of an ENUM, in display order
 * @param aliases other spellings accepted on import (Chinese names, GB/T codes) mapped to a code
 * @param pattern a regular expression STRING values must match, or null
 * @param maxLength longest STRING value
 * @param titleZh the label shown to staff, in Chinese
 * @param titleEn the label in English
 * @param fieldAliases other field names this attribute arrives under in files (e.g. {@code DLBM}, {@code 地类编码})
 * @param keepAliasIn the attribute that keeps the original value when an alias was translated, or null
 */
public record Attribute(String name, String column, AttributeType type, boolean required, Double min, Double max,
                        List<String> values, Map<String, String> aliases, Pattern pattern, int maxLength,
                        String titleZh, String titleEn, List<String> fieldAliases, String keepAliasIn) {

    /** Starts an attribute whose column has the same name. */
    static Builder of(String name, AttributeType type) {
        return new Builder(name, type);
    }

    /** Fluent construction of {@link Attribute}s for the catalogue. */
    static final class Builder {
        private final String name;
        private final AttributeType type;
        private String column;
        private boolean required;
        private Double min;
        private Double max;
        private List<String> values = List.of();
        private Map<String, String> aliases = Map.of();
        private Pattern pattern;
        private int maxLength = 200;
        private String titleZh;
        private String titleEn;
        private List<String> fieldAliases = List.of();
        private String keepAliasIn;

        private Builder(String name, AttributeType type) {
            this.name = name;
            this.column = name;
            this.type = type;
        }

        Builder column(String c) {
            this.column = c;
            return this;
        }

        Builder required() {
            this.required = true;
            return this;
        }

        Builder range(Double lo, Double hi) {
            this.min = lo;
            this.max = hi;
            return this;
        }

        Builder values(String... codes) {
            this.values = List.of(codes);
            return this;
        }

        Builder aliases(Map<String, String> a) {
            this.aliases = Map.copyOf(a);
            return this;
        }

        Builder pattern(String regex) {
            this.pattern = Pattern.compile(regex);
            return this;
        }

        Builder maxLength(int n) {
            this.maxLength = n;
            return this;
        }

        Builder title(String zh, String en) {
            this.titleZh = zh;
            this.titleEn = en;
            return this;
        }

        Builder fieldAliases(String... names) {
            this.fieldAliases = List.of(names);
            return this;
        }

        Builder keepAliasIn(String attribute) {
            this.keepAliasIn = attribute;
            return this;
        }

        Attribute build() {
            return new Attribute(name, column, type, required, min, max, values, aliases, pattern, maxLength,
                    titleZh, titleEn, fieldAliases, keepAliasIn);
        }
    }
}
