package cn.dongli.carbonmap.layer;

import java.util.List;
import java.util.Optional;

/**
 * The definition of one spatial layer: its name, table, attribute schema and the rules that tie attributes together.
 *
 * <p>Every layer stores MultiPolygons in CGCS2000 longitude/latitude (EPSG:4490) with an id, a version number,
 * created/updated by and at, the typed attributes below, and a JSON column that keeps any other property a file
 * brought instead of dropping it.
 *
 * @param name the layer's name in the API and its table name
 * @param titleZh the name staff see, in Chinese
 * @param titleEn the name in English
 * @param attributes the typed attributes, in display order
 * @param rules checks across attributes, run after each attribute is valid on its own
 */
public record Layer(String name, String titleZh, String titleEn, List<Attribute> attributes, List<FeatureRule> rules) {

    /** The attribute of that name, if the layer has one. */
    public Optional<Attribute> attribute(String attributeName) {
        return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
    }

    /** The table that holds the layer. */
    public String table() {
        return name;
    }
}
