package cn.dongli.carbonmap.geom;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.sis.referencing.CRS;
import org.apache.sis.referencing.crs.AbstractCRS;
import org.apache.sis.referencing.cs.AxesConvention;
import org.apache.sis.referencing.datum.DatumOrEnsemble;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.crs.GeographicCRS;
import org.opengis.referencing.crs.ProjectedCRS;
import org.opengis.referencing.crs.SingleCRS;
import org.opengis.referencing.IdentifiedObject;
import org.opengis.referencing.cs.AxisDirection;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.referencing.operation.TransformException;
import org.opengis.util.FactoryException;

/**
 * The one door through which every coordinate reference system enters CarbonMap.
 *
 * <p>CRSs are named by {@code EPSG:nnnn} codes (also accepted: a bare number, {@code urn:ogc:def:crs:EPSG::nnnn},
 * {@code http://www.opengis.net/def/crs/EPSG/0/nnnn}, {@code CRS84}) or by {@code GCJ02}, the offset coordinates of
 * AMap/DataV. Storage is CGCS2000 longitude/latitude, EPSG:4490.
 *
 * <p><b>Axis order.</b> EPSG defines EPSG:4490 and EPSG:4326 as latitude first and the Gauss-Krüger CRSs (EPSG:4548,
 * EPSG:4527, …) as northing first. Every transform returned here works in the order GeoJSON, WKB and shapefiles use:
 * longitude (or easting) first, latitude (or northing) second.
 *
 * <p><b>Datums.</b> CGCS2000 and WGS 84 agree within the accuracy of the district's data (a few centimetres), so a
 * source on either datum is taken as CGCS2000 without a datum shift, as the district's surveyors do. Sources on
 * other datums (Beijing 1954, Xian 1980) are refused: their shift needs local parameters.
 */
public final class Crs {

    /** CGCS2000 longitude/latitude, the CRS of everything CarbonMap stores. */
    public static final int CGCS2000 = 4490;
    /** CGCS2000 / 3-degree Gauss-Krüger CM 117E, the projected CRS the district's surveys use. */
    public static final int CGCS2000_GK_CM_117E = 4548;
    /** The name under which GCJ-02 sources are given. */
    public static final String GCJ02 = "GCJ02";

    private static final Pattern EPSG_CODE = Pattern.compile(
            "(?i)^(?:EPSG:{1,2}|urn:ogc:def:crs:EPSG:[0-9.]*:|https?://www\\.opengis\\.net/def/crs/EPSG/[0-9.]+/)?(\\d{4,6})$");
    private static final Pattern CRS84 = Pattern.compile(
            "(?i)^(?:OGC:)?CRS:?84$|^urn:ogc:def:crs:OGC:[0-9.]*:CRS84$|^https?://www\\.opengis\\.net/def/crs/OGC/[0-9.]+/CRS84$");

    private static final Map<Integer, CoordinateReferenceSystem> CACHE = new ConcurrentHashMap<>();
    private static final Map<Integer, CoordinateTransform> TO_STORAGE = new ConcurrentHashMap<>();
    private static final Map<Integer, CoordinateTransform> FROM_STORAGE = new ConcurrentHashMap<>();
    private static final Map<Integer, Boolean> NORTHING_FIRST = new ConcurrentHashMap<>();

    static {
        // The EPSG dataset of sis-embedded-data is a read-only Derby database; keep Derby from writing derby.log
        // into the working directory.
        if (System.getProperty("derby.stream.error.method") == null
                && System.getProperty("derby.stream.error.file") == null) {
            System.setProperty("derby.stream.error.method", "java.io.OutputStream.nullOutputStream");
        }
    }

    private Crs() {
    }

    /**
     * A parsed CRS name: either an EPSG code or GCJ-02.
     *
     * @param epsg the EPSG code, 0 for GCJ-02
     * @param gcj02 whether the coordinates are GCJ-02 offset longitude/latitude
     */
    public record Code(int epsg, boolean gcj02) {
        @Override
        public String toString() {
            return gcj02 ? GCJ02 : "EPSG:" + epsg;
        }
    }

    /**
     * Parses a CRS name.
     *
     * @throws IllegalArgumentException if the text names no CRS CarbonMap understands
     */
    public static Code parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equalsIgnoreCase("GCJ02") || t.equalsIgnoreCase("GCJ-02")) {
            return new Code(0, true);
        }
        if (CRS84.matcher(t).matches()) {
            return new Code(4326, false);
        }
        Matcher m = EPSG_CODE.matcher(t);
        if (m.matches()) {
            return new Code(Integer.parseInt(m.group(1)), false);
        }
        throw new IllegalArgumentException("unknown CRS '" + text + "': give an EPSG code such as EPSG:4548, or GCJ02");
    }

    /**
     * The transform from a source CRS to storage coordinates (CGCS2000 longitude/latitude).
     *
     * @throws IllegalArgumentException if the CRS is unknown, or on a datum CarbonMap does not shift
     */
    public static CoordinateTransform toStorage(Code source) {
        if (source.gcj02()) {
            return Gcj02.TO_WGS84;
        }
        return TO_STORAGE.computeIfAbsent(source.epsg(), Crs::buildToStorage);
    }

    /**
     * The transform from storage coordinates to the given EPSG CRS (for exports and OGC API responses), in
     * longitude/easting-first order.
     *
     * @throws IllegalArgumentException if the CRS is unknown, or on a datum CarbonMap does not shift
     */
    public static CoordinateTransform fromStorage(int epsg) {
        return FROM_STORAGE.computeIfAbsent(epsg, code -> {
            CoordinateReferenceSystem target = forCode(code);
            checkDatum(target, code);
            if (target instanceof GeographicCRS) {
                return CoordinateTransform.IDENTITY;
            }
            if (target instanceof ProjectedCRS projected) {
                return sis(operation(normalized(projected.getBaseCRS()), target));
            }
            throw new IllegalArgumentException("EPSG:" + code + " is neither geographic nor projected");
        });
    }

    /**
     * Whether the CRS's own definition puts latitude or northing first, as EPSG does for EPSG:4490, EPSG:4326 and the
     * Gauss-Krüger CRSs (EPSG:4548). CRS84 (OGC) is longitude first. OGC API – Features Part 2 and WFS 2 write
     * coordinates in this defined order; GeoJSON, WKB, shapefiles and GeoPackages always put longitude or easting first.
     *
     * @throws IllegalArgumentException if SIS's EPSG dataset does not know the code
     */
    public static boolean northingFirst(int epsg) {
        return NORTHING_FIRST.computeIfAbsent(epsg, code -> {
            try {
                AxisDirection first = CRS.forCode("EPSG:" + code).getCoordinateSystem().getAxis(0).getDirection();
                return first == AxisDirection.NORTH || first == AxisDirection.SOUTH;
            } catch (FactoryException e) {
                throw new IllegalArgumentException("unknown CRS EPSG:" + code, e);
            }
        });
    }

    /**
     * The transform from storage coordinates to the EPSG CRS with the axes in the order the CRS defines (see {@link
     * #northingFirst}): latitude, longitude for EPSG:4490; northing, easting for EPSG:4548.
     *
     * @throws IllegalArgumentException if the CRS is unknown, or on a datum CarbonMap does not shift
     */
    public static CoordinateTransform fromStorageInDefinedAxisOrder(int epsg) {
        CoordinateTransform t = fromStorage(epsg);
        return northingFirst(epsg) ? t.then(CoordinateTransform.SWAP_AXES) : t;
    }

    /**
     * The transform from coordinates of the EPSG CRS, axes in the order the CRS defines, to storage coordinates; the
     * inverse of {@link #fromStorageInDefinedAxisOrder}.
     *
     * @throws IllegalArgumentException if the CRS is unknown, or on a datum CarbonMap does not shift
     */
    public static CoordinateTransform toStorageFromDefinedAxisOrder(int epsg) {
        CoordinateTransform t = toStorage(new Code(epsg, false));
        return northingFirst(epsg) ? CoordinateTransform.SWAP_AXES.then(t) : t;
    }

    /**
     * The CRS of an EPSG code, with longitude (or easting) first.
     *
     * @throws IllegalArgumentException if SIS's EPSG dataset does not know the code
     */
    public static CoordinateReferenceSystem forCode(int epsg) {
        return CACHE.computeIfAbsent(epsg, code -> {
            try {
                return normalized(CRS.forCode("EPSG:" + code));
            } catch (FactoryException e) {
                throw new IllegalArgumentException("unknown CRS EPSG:" + code, e);
            }
        });
    }

    /** Whether the EPSG dataset is reachable; loading it takes a second or two, so callers warm it up at start. */
    public static void warmUp() {
        toStorage(new Code(CGCS2000_GK_CM_117E, false));
    }

    private static CoordinateTransform buildToStorage(int code) {
        CoordinateReferenceSystem source = forCode(code);
        checkDatum(source, code);
        if (source instanceof GeographicCRS) {
            return CoordinateTransform.IDENTITY;
        }
        if (source instanceof ProjectedCRS projected) {
            // Inverse projection onto the source's own base CRS: no datum change (see class javadoc).
            return sis(operation(source, normalized(projected.getBaseCRS())));
        }
        throw new IllegalArgumentException("EPSG:" + code + " is neither geographic nor projected");
    }

    private static void checkDatum(CoordinateReferenceSystem crs, int code) {
        SingleCRS base = crs instanceof ProjectedCRS p ? p.getBaseCRS() : crs instanceof SingleCRS s ? s : null;
        // WGS 84 is a datum ensemble in recent EPSG releases: take the datum or the ensemble, whichever is there.
        IdentifiedObject datum = base == null ? null : DatumOrEnsemble.of(base);
        String name = datum == null ? "?" : datum.getName().getCode();
        String lower = name.toLowerCase(Locale.ROOT);
        if (!(lower.contains("china 2000") || lower.contains("world geodetic system 1984"))) {
            throw new IllegalArgumentException("EPSG:" + code + " is on datum '" + name
                    + "'; CarbonMap takes CGCS2000 or WGS 84 coordinates only (reproject to EPSG:4490 first)");
        }
    }

    static CoordinateReferenceSystem normalized(CoordinateReferenceSystem crs) {
        return AbstractCRS.castOrCopy(crs).forConvention(AxesConvention.RIGHT_HANDED);
    }

    static MathTransform operation(CoordinateReferenceSystem source, CoordinateReferenceSystem target) {
        try {
            return CRS.findOperation(normalized(source), normalized(target), null).getMathTransform();
        } catch (FactoryException e) {
            throw new IllegalArgumentException("no operation from " + source.getName() + " to " + target.getName(), e);
        }
    }

    static CoordinateTransform sis(MathTransform mt) {
        if (mt.isIdentity()) {
            return CoordinateTransform.IDENTITY;
        }
        return (xy, count) -> {
            try {
                mt.transform(xy, 0, xy, 0, count);
            } catch (TransformException e) {
                throw new IllegalArgumentException("coordinates outside the domain of the projection: " + e.getMessage(), e);
            }
            for (int i = 0; i < 2 * count; i++) {
                if (!Double.isFinite(xy[i])) {
                    throw new IllegalArgumentException("coordinates outside the domain of the projection");
                }
            }
        };
    }
}
