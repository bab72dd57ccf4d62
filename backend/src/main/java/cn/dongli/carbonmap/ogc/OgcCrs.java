package cn.dongli.carbonmap.ogc;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.geom.CoordinateTransform;
import cn.dongli.carbonmap.geom.Crs;

/**
 * The CRSs the OGC API offers (Part 2), named by their OGC URIs.
 *
 * <p>Coordinates are written in the axis order each CRS defines, as Part 2 requires: CRS84 longitude, latitude;
 * EPSG:4490 (CGCS2000) <b>latitude, longitude</b>; EPSG:4548 (CGCS2000 / 3-degree Gauss-Krüger CM 117E) <b>northing,
 * easting</b>. {@code bbox} values follow the same order for their {@code bbox-crs}. WGS 84 (CRS84) is taken as the
 * same datum as CGCS2000, as everywhere in CarbonMap.
 */
enum OgcCrs {

    /** WGS 84 longitude/latitude, the default of OGC API – Features. */
    CRS84("http://www.opengis.net/def/crs/OGC/1.3/CRS84", 0),
    /** CGCS2000 geographic, latitude first. */
    CGCS2000("http://www.opengis.net/def/crs/EPSG/0/4490", Crs.CGCS2000),
    /** CGCS2000 / 3-degree Gauss-Krüger CM 117E, northing first. */
    CGCS2000_GK_CM_117E("http://www.opengis.net/def/crs/EPSG/0/4548", Crs.CGCS2000_GK_CM_117E);

    private static final Pattern CRS84_NAME = Pattern.compile(
            "(?i)^(?:\\[?OGC:CRS84]?|CRS:?84|urn:ogc:def:crs:OGC:[0-9.]*:CRS84|https?://www\\.opengis\\.net/def/crs/OGC/[0-9.]+/CRS84)$");
    private static final Pattern SAFE_CURIE = Pattern.compile("^\\[(.*)]$");

    private final String uri;
    private final int epsg;

    OgcCrs(String uri, int epsg) {
        this.uri = uri;
        this.epsg = epsg;
    }

    /** The CRS's URI, as listed in collections and sent in {@code Content-Crs}. */
    String uri() {
        return uri;
    }

    /** The value of the {@code Content-Crs} header. */
    String contentCrs() {
        return "<" + uri + ">";
    }

    /** The URIs of every offered CRS. */
    static List<String> uris() {
        return Arrays.stream(values()).map(OgcCrs::uri).toList();
    }

    /** From storage coordinates to this CRS, axes in its defined order. */
    CoordinateTransform fromStorage() {
        return this == CRS84 ? CoordinateTransform.IDENTITY : Crs.fromStorageInDefinedAxisOrder(epsg);
    }

    /** From this CRS, axes in its defined order, to storage coordinates. */
    CoordinateTransform toStorage() {
        return this == CRS84 ? CoordinateTransform.IDENTITY : Crs.toStorageFromDefinedAxisOrder(epsg);
    }

    /** Whether the first coordinate is a latitude or a northing. */
    boolean northingFirst() {
        return this != CRS84;
    }

    /** Whether coordinates are degrees. */
    boolean geographic() {
        return this != CGCS2000_GK_CM_117E;
    }

    /**
     * The CRS a parameter names: its OGC URI, a safe CURIE ({@code [EPSG:4490]}) or an EPSG code ({@code EPSG:4548}).
     *
     * @param parameter the parameter's name, for the message
     * @throws ProblemException 400 if it names none of the offered CRSs
     */
    static OgcCrs parse(String text, String parameter) {
        String t = text.trim();
        Matcher curie = SAFE_CURIE.matcher(t);
        if (curie.matches()) {
            t = curie.group(1);
        }
        if (CRS84_NAME.matcher(t).matches()) {
            return CRS84;
        }
        try {
            Crs.Code code = Crs.parse(t);
            // Crs.parse reads CRS84 as 4326; an explicit EPSG:4326 (latitude first) is not offered
            for (OgcCrs c : values()) {
                if (c != CRS84 && !code.gcj02() && c.epsg == code.epsg()) {
                    return c;
                }
            }
        } catch (IllegalArgumentException e) {
            // fall through to the message listing what is offered
        }
        throw new ProblemException(400, "unsupported-crs", "Unsupported CRS", parameter + " '" + text
                + "' is not offered; use one of " + String.join(", ", uris()));
    }
}
