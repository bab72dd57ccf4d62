package cn.dongli.carbonmap.geom.io;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ESRI names and .prj texts of the CRSs the district's files use: CGCS2000 and WGS 84 longitude/latitude, Web
 * Mercator, and the CGCS2000 Gauss-Krüger families (EPSG:4491–4554), in both directions.
 *
 * <p>ArcGIS and GDAL write these names in .prj files (e.g. {@code CGCS2000_3_Degree_GK_CM_117E}); EPSG's own names
 * differ ({@code CGCS2000 / 3-degree Gauss-Kruger CM 117E}), so SIS cannot always match them by name. The texts
 * written here are those GDAL 3 writes for the same codes, which ArcGIS recognises.
 */
final class EsriCrs {

    private static final String CGCS2000_GEOGCS = "GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\","
            + "DATUM[\"D_China_2000\",SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],"
            + "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";
    private static final String WGS84_GEOGCS = "GEOGCS[\"GCS_WGS_1984\","
            + "DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],"
            + "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";
    private static final String WEB_MERCATOR = "PROJCS[\"WGS_1984_Web_Mercator_Auxiliary_Sphere\"," + WGS84_GEOGCS
            + ",PROJECTION[\"Mercator_Auxiliary_Sphere\"],PARAMETER[\"False_Easting\",0.0],"
            + "PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",0.0],"
            + "PARAMETER[\"Standard_Parallel_1\",0.0],PARAMETER[\"Auxiliary_Sphere_Type\",0.0],UNIT[\"Meter\",1.0]]";

    /** {@code CGCS2000_GK_Zone_20}, {@code CGCS2000_3_Degree_GK_CM_117E} and the like. */
    private static final Pattern GAUSS_KRUGER = Pattern.compile(
            "(?i)CGCS_?2000_(3_DEGREE_)?GK_(?:ZONE_(\\d{1,2})|CM_(\\d{2,3})E)");

    private EsriCrs() {
    }

    /** The EPSG code of an ESRI CRS name, or {@code null} if the name is not one of the table's. */
    static Integer epsgOfName(String name) {
        String n = name.trim();
        switch (n.toUpperCase(Locale.ROOT)) {
            case "GCS_CHINA_GEODETIC_COORDINATE_SYSTEM_2000", "CHINA GEODETIC COORDINATE SYSTEM 2000", "CGCS2000":
                return 4490;
            case "GCS_WGS_1984", "WGS 84", "WGS_1984":
                return 4326;
            case "WGS_1984_WEB_MERCATOR_AUXILIARY_SPHERE", "WGS_84_PSEUDO_MERCATOR", "WGS 84 / PSEUDO-MERCATOR":
                return 3857;
            default:
                break;
        }
        Matcher m = GAUSS_KRUGER.matcher(n);
        if (!m.matches()) {
            return null;
        }
        boolean threeDegree = m.group(1) != null;
        if (m.group(2) != null) {
            int zone = Integer.parseInt(m.group(2));
            if (threeDegree) {
                return zone >= 25 && zone <= 45 ? 4513 + zone - 25 : null;
            }
            return zone >= 13 && zone <= 23 ? 4491 + zone - 13 : null;
        }
        int cm = Integer.parseInt(m.group(3));
        if (threeDegree) {
            return cm >= 75 && cm <= 135 && cm % 3 == 0 ? 4534 + (cm - 75) / 3 : null;
        }
        return cm >= 75 && cm <= 135 && (cm - 75) % 6 == 0 ? 4502 + (cm - 75) / 6 : null;
    }

    /** The ESRI .prj text of an EPSG code, or {@code null} if the code is not one of the table's. */
    static String wkt(int epsg) {
        if (epsg == 4490) {
            return CGCS2000_GEOGCS;
        }
        if (epsg == 4326) {
            return WGS84_GEOGCS;
        }
        if (epsg == 3857) {
            return WEB_MERCATOR;
        }
        if (epsg >= 4491 && epsg <= 4501) {
            int zone = 13 + epsg - 4491;
            return gaussKruger("CGCS2000_GK_Zone_" + zone, zone * 1_000_000 + 500_000, 75 + 6 * (zone - 13));
        }
        if (epsg >= 4502 && epsg <= 4512) {
            int cm = 75 + 6 * (epsg - 4502);
            return gaussKruger("CGCS2000_GK_CM_" + cm + "E", 500_000, cm);
        }
        if (epsg >= 4513 && epsg <= 4533) {
            int zone = 25 + epsg - 4513;
            return gaussKruger("CGCS2000_3_Degree_GK_Zone_" + zone, zone * 1_000_000 + 500_000, 3 * zone);
        }
        if (epsg >= 4534 && epsg <= 4554) {
            int cm = 75 + 3 * (epsg - 4534);
            return gaussKruger("CGCS2000_3_Degree_GK_CM_" + cm + "E", 500_000, cm);
        }
        return null;
    }

    private static String gaussKruger(String name, int falseEasting, int centralMeridian) {
        return "PROJCS[\"" + name + "\"," + CGCS2000_GEOGCS + ",PROJECTION[\"Gauss_Kruger\"],"
                + "PARAMETER[\"False_Easting\"," + falseEasting + ".0],PARAMETER[\"False_Northing\",0.0],"
                + "PARAMETER[\"Central_Meridian\"," + centralMeridian + ".0],PARAMETER[\"Scale_Factor\",1.0],"
                + "PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]";
    }
}
