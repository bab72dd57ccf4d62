package cn.dongli.carbonmap.support;

/** GeoJSON written as text by the API tests: a rectangle's rings and a Feature holding them. */
public final class GeoJsonText {

    private GeoJsonText() {
    }

    /** The coordinates of a Polygon: one closed rectangle between the two corners, longitude first. */
    public static String box(double lon1, double lat1, double lon2, double lat2) {
        return "[[[" + lon1 + "," + lat1 + "],[" + lon2 + "," + lat1 + "],[" + lon2 + "," + lat2 + "],[" + lon1 + ","
                + lat2 + "],[" + lon1 + "," + lat1 + "]]]";
    }

    /** A Feature of a Polygon with these rings and these properties (a JSON object's text). */
    public static String feature(String rings, String properties) {
        return "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + rings + "},\"properties\":"
                + properties + "}";
    }
}
