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
 * @param editing how edits of the layer are checked beyond the schema
 */
public record Layer(String name, String titleZh, String titleEn, List<Attribute> attributes, List<FeatureRule> rules,
                    Editing editing) {

    /** Whether features of a layer may overlap one another. */
    public enum Overlap {
        /** Features may overlap (parks over green space). */
        ALLOW,
        /** No two features may overlap beyond the tolerance (forest plots, farmland, land cover, rooftops, streets). */
        REFUSE,
        /** Features of the same {@code zone_type} may not overlap; a functional area may lie over a control level. */
        REFUSE_SAME_ZONE_TYPE
    }

    /**
     * The edit rules of a layer.
     *
     * @param overlap whether features may overlap
     * @param surveyAttributes the attributes a surveyor may change (on forest plots); empty elsewhere
     * @param extensiveAttributes attributes that belong to the area (stock, roof area): shared by area when a feature
     *                            is split, summed when features are merged
     * @param codeAttribute the attribute that names a feature (plot_code), suffixed -1, -2 when it is split, or null
     */
    public record Editing(Overlap overlap, List<String> surveyAttributes, List<String> extensiveAttributes,
                          String codeAttribute) {
    }

    /** The attribute of that name, if the layer has one. */
    public Optional<Attribute> attribute(String attributeName) {
        return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
    }

    /** The table that holds the layer. */
    public String table() {
        return name;
    }
}
