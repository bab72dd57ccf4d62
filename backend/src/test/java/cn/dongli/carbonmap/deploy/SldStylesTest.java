package cn.dongli.carbonmap.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The SLD files are well-formed SLD 1.0.0 using only elements of the SLD 1.0.0 and Filter 1.0.0 schemas in the order
 * those schemas require (the schemas themselves cannot be fetched here, so their content models for the elements used
 * are written down below), one style per layer and per indicator, and every label names its CJK font.
 * {@link SldRenderingTest} then has MapServer draw each of them.
 */
class SldStylesTest {

    /** Font the labels need; GeoServer must have it installed (see the README). */
    static final String CJK_FONT = "WenQuanYi Micro Hei";

    /** SLD 1.0.0 elements used here, each with the children its content model allows, in schema order. */
    private static final Map<String, List<String>> SLD_CONTENT = Map.ofEntries(
            Map.entry("StyledLayerDescriptor", List.of("Name", "Title", "Abstract", "NamedLayer")),
            Map.entry("NamedLayer", List.of("Name", "UserStyle")),
            Map.entry("UserStyle", List.of("Name", "Title", "Abstract", "IsDefault", "FeatureTypeStyle")),
            Map.entry("FeatureTypeStyle", List.of("Name", "Title", "Abstract", "FeatureTypeName",
                    "SemanticTypeIdentifier", "Rule")),
            Map.entry("Rule", List.of("Name", "Title", "Abstract", "LegendGraphic", "Filter", "ElseFilter",
                    "MinScaleDenominator", "MaxScaleDenominator", "PolygonSymbolizer", "TextSymbolizer")),
            Map.entry("PolygonSymbolizer", List.of("Geometry", "Fill", "Stroke")),
            Map.entry("TextSymbolizer", List.of("Geometry", "Label", "Font", "LabelPlacement", "Halo", "Fill")),
            Map.entry("Fill", List.of("GraphicFill", "CssParameter")),
            Map.entry("Stroke", List.of("GraphicFill", "GraphicStroke", "CssParameter")),
            Map.entry("Font", List.of("CssParameter")),
            Map.entry("LabelPlacement", List.of("PointPlacement", "LinePlacement")),
            Map.entry("PointPlacement", List.of("AnchorPoint", "Displacement", "Rotation")),
            Map.entry("AnchorPoint", List.of("AnchorPointX", "AnchorPointY")),
            Map.entry("Halo", List.of("Radius", "Fill")),
            Map.entry("Label", List.of("PropertyName")),
            Map.entry("Name", List.of()), Map.entry("Title", List.of()), Map.entry("Abstract", List.of()),
            Map.entry("CssParameter", List.of()), Map.entry("ElseFilter", List.of()),
            Map.entry("MaxScaleDenominator", List.of()), Map.entry("MinScaleDenominator", List.of()),
            Map.entry("AnchorPointX", List.of()), Map.entry("AnchorPointY", List.of()), Map.entry("Radius", List.of()));
    /** Filter 1.0.0 elements used here. */
    private static final Set<String> OGC_ELEMENTS = Set.of("Filter", "And", "Or", "Not", "PropertyIsEqualTo",
            "PropertyIsLessThan", "PropertyIsGreaterThanOrEqualTo", "PropertyName", "Literal");
    private static final Map<String, Set<String>> CSS_PARAMETERS = Map.of(
            "Fill", Set.of("fill", "fill-opacity"),
            "Stroke", Set.of("stroke", "stroke-width", "stroke-opacity", "stroke-dasharray", "stroke-linejoin"),
            "Font", Set.of("font-family", "font-size", "font-style", "font-weight"));
    private static final Pattern COLOUR = Pattern.compile("#[0-9A-Fa-f]{6}");

    @Test
    void thereIsAStyleForEachLayerAndEachIndicator() throws Exception {
        assertThat(SldStyles.all().stream().map(SldStyles.Style::name)).containsExactly(
                "farmland.sld", "forest_plots.sld", "indicator_blue_green_share.sld", "indicator_forest_cover.sld",
                "indicator_pv_area_share.sld", "land_cover.sld", "parks.sld", "pv_rooftops.sld", "streets.sld",
                "zones.sld");
    }

    @Test
    void everyStyleIsSld100WithElementsInSchemaOrder() throws Exception {
        for (SldStyles.Style style : SldStyles.all()) {
            Element root = style.document().getDocumentElement();
            assertThat(root.getNamespaceURI()).as(style.name()).isEqualTo(SldStyles.SLD);
            assertThat(root.getLocalName()).isEqualTo("StyledLayerDescriptor");
            assertThat(root.getAttribute("version")).as(style.name()).isEqualTo("1.0.0");
            for (Element e : SldStyles.descendants(root)) {
                String where = style.name() + ": " + e.getLocalName();
                if (SldStyles.OGC.equals(e.getNamespaceURI())) {
                    assertThat(OGC_ELEMENTS).as(where).contains(e.getLocalName());
                    continue;
                }
                assertThat(e.getNamespaceURI()).as(where).isEqualTo(SldStyles.SLD);
                assertThat(SLD_CONTENT).as(where).containsKey(e.getLocalName());
                List<String> allowed = SLD_CONTENT.get(e.getLocalName());
                int last = -1;
                for (Element c : SldStyles.children(e)) {
                    int at = allowed.indexOf(c.getLocalName());
                    assertThat(at).as(where + " may not hold " + c.getLocalName()).isGreaterThanOrEqualTo(0);
                    assertThat(at).as(where + ": " + c.getLocalName() + " is out of schema order")
                            .isGreaterThanOrEqualTo(last);
                    last = at;
                }
                if (e.getLocalName().equals("CssParameter")) {
                    String parent = e.getParentNode().getLocalName();
                    assertThat(CSS_PARAMETERS.get(parent)).as(where + " in " + parent).contains(e.getAttribute("name"));
                    if (e.getAttribute("name").equals("fill") || e.getAttribute("name").equals("stroke")) {
                        assertThat(e.getTextContent().trim()).as(where).matches(COLOUR);
                    }
                }
            }
        }
    }

    @Test
    void everyLabelNamesTheCjkFont() throws Exception {
        int labels = 0;
        for (SldStyles.Style style : SldStyles.all()) {
            for (Element font : SldStyles.descendants(style.document().getDocumentElement())) {
                if (font.getLocalName().equals("Font")) {
                    labels++;
                    assertThat(SldStyles.children(font).stream()
                            .filter(c -> c.getAttribute("name").equals("font-family"))
                            .map(c -> c.getTextContent().trim())).as(style.name()).containsExactly(CJK_FONT);
                }
            }
        }
        assertThat(labels).isGreaterThan(0);
    }
}
