package cn.dongli.carbonmap.geom.io;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.sis.metadata.iso.citation.Citations;
import org.apache.sis.referencing.CRS;
import org.apache.sis.referencing.IdentifiedObjects;
import org.apache.sis.referencing.crs.AbstractCRS;
import org.apache.sis.referencing.cs.AxesConvention;
import org.apache.sis.referencing.factory.IdentifiedObjectFinder;
import org.opengis.metadata.extent.GeographicBoundingBox;
import org.opengis.referencing.IdentifiedObject;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.crs.GeographicCRS;
import org.opengis.referencing.crs.ProjectedCRS;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.referencing.operation.TransformException;
import org.opengis.util.FactoryException;

import cn.dongli.carbonmap.geom.Crs;

/**
 * Identifies the EPSG code of the CRS a shapefile's .prj (ESRI WKT 1) or a GeoPackage's WKT describes.
 *
 * <p>The text is parsed with Apache SIS. A code is then taken, in this order, from the text's own
 * {@code AUTHORITY["EPSG", …]}, from the well-known ESRI name at its root (e.g.
 * {@code CGCS2000_3_Degree_GK_CM_117E} → EPSG:4548), or from a search of SIS's EPSG dataset ignoring axis order. A
 * code found by authority or name is only taken if the parsed definition really projects like it (compared on a few
 * points of its domain), so a .prj whose name says CM 117E but whose false easting says zone 39 is identified by its
 * parameters. If SIS cannot parse the text at all, a well-known name is trusted on its own.
 */
public final class PrjReader {

    private static final Pattern ROOT_NAME = Pattern.compile(
            "^\\s*(?:PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS|PROJECTEDCRS|GEODETICCRS)\\s*[\\[(]\\s*\"([^\"]*)\"");

    /** WKT 1 and 2 nest five or six levels deep (PROJCS, GEOGCS, DATUM, SPHEROID, AUTHORITY); this is ample. */
    private static final int MAX_NESTING = 32;

    private static final String ADVICE = "; leave the .prj out and give the CRS with srcCrs, e.g. srcCrs=EPSG:4548";

    private PrjReader() {
    }

    /**
     * The EPSG code of the CRS the WKT describes.
     *
     * @param wkt the content of a .prj file (a leading byte-order mark is ignored)
     * @throws UnreadableInputException if the text cannot be parsed and names no well-known CRS, or describes a CRS
     *                                  that matches no EPSG code
     */
    public static Crs.Code identify(String wkt) throws UnreadableInputException {
        String text = wkt == null ? "" : wkt.strip();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1).strip();
        }
        if (text.isEmpty()) {
            throw new UnreadableInputException("the .prj is empty" + ADVICE);
        }
        int depth = nesting(text);
        if (depth > MAX_NESTING) {
            // SIS's parser recurses once per level and would exhaust the stack long before it said anything
            throw new UnreadableInputException("the .prj nests its brackets " + depth + " deep; a CRS definition"
                    + " needs at most " + MAX_NESTING + ADVICE);
        }
        CoordinateReferenceSystem parsed;
        try {
            parsed = CRS.fromWKT(text);
        } catch (FactoryException | RuntimeException e) {
            Integer byName = nameOf(text) == null ? null : EsriCrs.epsgOfName(nameOf(text));
            if (byName != null) {
                return new Crs.Code(byName, false);
            }
            throw new UnreadableInputException("the .prj cannot be understood (" + e.getMessage() + ")" + ADVICE, e);
        }
        String name = parsed.getName() == null ? nameOf(text) : parsed.getName().getCode();
        Set<Integer> candidates = new LinkedHashSet<>();
        candidates.add(declaredCode(parsed));
        candidates.add(name == null ? null : EsriCrs.epsgOfName(name));
        candidates.remove(null);
        for (int code : candidates) {
            if (projectsLike(parsed, code)) {
                return new Crs.Code(code, false);
            }
        }
        Integer found = search(parsed, name);
        if (found != null) {
            return new Crs.Code(found, false);
        }
        throw new UnreadableInputException("the .prj describes '" + name + "', which matches no EPSG CRS"
                + (candidates.isEmpty() ? "" : " (its parameters differ from those of EPSG:" + candidates.iterator().next()
                + ")") + ADVICE);
    }

    /** The deepest nesting of [ ] and ( ) brackets outside quoted text. */
    private static int nesting(String text) {
        int depth = 0;
        int deepest = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '[' || c == '(')) {
                deepest = Math.max(deepest, ++depth);
            } else if (!quoted && (c == ']' || c == ')')) {
                depth--;
            }
        }
        return deepest;
    }

    private static String nameOf(String text) {
        Matcher m = ROOT_NAME.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** The EPSG code the text declares for its root CRS ({@code AUTHORITY["EPSG","4548"]}), or null. */
    private static Integer declaredCode(CoordinateReferenceSystem parsed) {
        var id = IdentifiedObjects.getIdentifier(parsed, Citations.EPSG);
        if (id != null) {
            try {
                return Integer.valueOf(id.getCode().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * Searches SIS's EPSG dataset for a CRS equal to the parsed one, axis order aside. Several codes can share a
     * definition (Beijing 1954 GK CM 117E is both EPSG:2435, 3-degree zone, and EPSG:21460, 6-degree zone): the one
     * whose EPSG name matches the file's ESRI name is taken, else the first, which transforms the same.
     */
    private static Integer search(CoordinateReferenceSystem parsed, String name) {
        try {
            IdentifiedObjectFinder finder = IdentifiedObjects.newFinder("EPSG");
            finder.setIgnoringAxes(true);
            Integer first = null;
            for (IdentifiedObject match : finder.find(parsed)) {
                Integer code = IdentifiedObjects.lookupEPSG(match);
                if (code == null) {
                    continue;
                }
                if (name != null && match.getName() != null
                        && comparable(match.getName().getCode()).equals(comparable(name))) {
                    return code;
                }
                if (first == null) {
                    first = code;
                }
            }
            return first;
        } catch (FactoryException e) {
            return null;
        }
    }

    /** A CRS name with ESRI's and EPSG's spelling differences removed: "3-degree Gauss-Kruger" ~ "3_Degree_GK". */
    private static String comparable(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("gauss[-_ ]?kr[uü]ger", "gk").replaceAll("[^\\p{L}\\p{N}]", "");
    }

    /**
     * Whether the parsed CRS gives the same coordinates as the EPSG code's on points spread over the code's domain:
     * within a millimetre for projected CRSs, 1e-9° for geographic ones.
     */
    private static boolean projectsLike(CoordinateReferenceSystem parsed, int code) {
        try {
            CoordinateReferenceSystem reference = Crs.forCode(code);
            CoordinateReferenceSystem source = lonLatFirst(parsed);
            if (reference instanceof GeographicCRS != source instanceof GeographicCRS) {
                return false;
            }
            CoordinateReferenceSystem base = reference instanceof ProjectedCRS p ? lonLatFirst(p.getBaseCRS()) : reference;
            MathTransform toReference = CRS.findOperation(base, reference, null).getMathTransform();
            MathTransform toSource = CRS.findOperation(reference, source, null).getMathTransform();
            double tolerance = reference instanceof GeographicCRS ? 1e-9 : 1e-3;
            for (double[] lonLat : samples(code)) {
                double[] expected = new double[2];
                toReference.transform(lonLat, 0, expected, 0, 1);
                double[] actual = new double[2];
                toSource.transform(expected, 0, actual, 0, 1);
                if (!(Math.abs(actual[0] - expected[0]) <= tolerance && Math.abs(actual[1] - expected[1]) <= tolerance)) {
                    return false;
                }
            }
            return true;
        } catch (FactoryException | TransformException | IllegalArgumentException e) {
            return false;
        }
    }

    private static CoordinateReferenceSystem lonLatFirst(CoordinateReferenceSystem crs) {
        return AbstractCRS.castOrCopy(crs).forConvention(AxesConvention.RIGHT_HANDED);
    }

    /** The centre and four inner points of the code's domain of validity (or of Dongli if it declares none). */
    private static List<double[]> samples(int code) throws FactoryException {
        GeographicBoundingBox box = CRS.getGeographicBoundingBox(CRS.forCode("EPSG:" + code));
        double w = 117.2;
        double e = 117.6;
        double s = 39.0;
        double n = 39.3;
        if (box != null) {
            w = box.getWestBoundLongitude();
            e = box.getEastBoundLongitude();
            s = Math.max(box.getSouthBoundLatitude(), -80);
            n = Math.min(box.getNorthBoundLatitude(), 80);
        }
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {(w + e) / 2, (s + n) / 2});
        for (double fx : new double[] {0.25, 0.75}) {
            for (double fy : new double[] {0.25, 0.75}) {
                points.add(new double[] {w + fx * (e - w), s + fy * (n - s)});
            }
        }
        return points;
    }
}
