package cn.dongli.carbonmap.geom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Identifying the EPSG code of .prj files as ArcGIS, GDAL and QGIS write them. */
class PrjReaderTest {

    private static final String CGCS2000 = "GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\","
            + "DATUM[\"D_China_2000\",SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],"
            + "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

    private static String gaussKruger(String name, double falseEasting, double centralMeridian) {
        return "PROJCS[\"" + name + "\"," + CGCS2000 + ",PROJECTION[\"Gauss_Kruger\"],"
                + "PARAMETER[\"False_Easting\"," + falseEasting + "],PARAMETER[\"False_Northing\",0.0],"
                + "PARAMETER[\"Central_Meridian\"," + centralMeridian + "],PARAMETER[\"Scale_Factor\",1.0],"
                + "PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]";
    }

    private static void checkIdentified(String prj, int epsg) throws UnreadableInputException {
        assertThat(PrjReader.identify(prj).epsg()).as(prj).isEqualTo(epsg);
    }

    private static void checkRefused(String prj, String... messageParts) {
        assertThatThrownBy(() -> PrjReader.identify(prj))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessageContainingAll(messageParts);
    }

    @Test
    void cgcs2000LongitudeLatitudeIs4490() throws Exception {
        checkIdentified(CGCS2000, 4490);
    }

    @Test
    void theDistrictsGaussKrugerCm117eIs4548() throws Exception {
        checkIdentified(gaussKruger("CGCS2000_3_Degree_GK_CM_117E", 500000.0, 117.0), 4548);
    }

    @Test
    void gaussKrugerZone39WithTheZoneInTheFalseEastingIs4527() throws Exception {
        checkIdentified(gaussKruger("CGCS2000_3_Degree_GK_Zone_39", 39500000.0, 117.0), 4527);
    }

    @Test
    void theSixDegreeZoneWithTheSameParametersIsToldApartByName() throws Exception {
        // EPSG:4509 and EPSG:4548 are both a GK projection on CM 117E with false easting 500 km
        checkIdentified(gaussKruger("CGCS2000_GK_CM_117E", 500000.0, 117.0), 4509);
    }

    @Test
    void otherThreeDegreeZonesAreIdentifiedByTheirNames() throws Exception {
        checkIdentified(gaussKruger("CGCS2000_3_Degree_GK_CM_120E", 500000.0, 120.0), 4549);
        checkIdentified(gaussKruger("CGCS2000_3_Degree_GK_Zone_40", 40500000.0, 120.0), 4528);
        checkIdentified(gaussKruger("CGCS2000_3_Degree_GK_Zone_25", 25500000.0, 75.0), 4513);
        checkIdentified(gaussKruger("CGCS2000_3_Degree_GK_CM_135E", 500000.0, 135.0), 4554);
    }

    @Test
    void parametersWinOverAMisleadingName() throws Exception {
        // named CM 117E but with the zone number in the false easting: the coordinates are zone 39's
        checkIdentified(gaussKruger("CGCS2000_3_Degree_GK_CM_117E", 39500000.0, 117.0), 4527);
    }

    @Test
    void anUnnamedGaussKrugerIsFoundInTheEpsgDataset() throws Exception {
        checkIdentified(gaussKruger("my_survey_grid", 40500000.0, 120.0), 4528);
    }

    @Test
    void wgs84AndWebMercatorAreIdentified() throws Exception {
        String wgs84 = "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],"
                + "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";
        checkIdentified(wgs84, 4326);
        checkIdentified("PROJCS[\"WGS_1984_Web_Mercator_Auxiliary_Sphere\"," + wgs84
                + ",PROJECTION[\"Mercator_Auxiliary_Sphere\"],PARAMETER[\"False_Easting\",0.0],"
                + "PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",0.0],"
                + "PARAMETER[\"Standard_Parallel_1\",0.0],PARAMETER[\"Auxiliary_Sphere_Type\",0.0],"
                + "UNIT[\"Meter\",1.0]]", 3857);
    }

    @Test
    void anOgcWktWithAnEpsgAuthorityIsTakenAtItsWord() throws Exception {
        // as QGIS writes a .prj: EPSG names, axes and AUTHORITY
        checkIdentified("PROJCS[\"CGCS2000 / 3-degree Gauss-Kruger CM 117E\",GEOGCS[\"China Geodetic Coordinate"
                + " System 2000\",DATUM[\"China_2000\",SPHEROID[\"CGCS2000\",6378137,298.257222101,"
                + "AUTHORITY[\"EPSG\",\"1024\"]],AUTHORITY[\"EPSG\",\"1043\"]],PRIMEM[\"Greenwich\",0,"
                + "AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],"
                + "AUTHORITY[\"EPSG\",\"4490\"]],PROJECTION[\"Transverse_Mercator\"],"
                + "PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",117],"
                + "PARAMETER[\"scale_factor\",1],PARAMETER[\"false_easting\",500000],"
                + "PARAMETER[\"false_northing\",0],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],"
                + "AXIS[\"Northing\",NORTH],AXIS[\"Easting\",EAST],AUTHORITY[\"EPSG\",\"4548\"]]", 4548);
    }

    @Test
    void aByteOrderMarkAndLineBreaksDoNotMatter() throws Exception {
        checkIdentified("\uFEFF" + gaussKruger("CGCS2000_3_Degree_GK_CM_117E", 500000.0, 117.0).replace(",", ",\r\n  ")
                + "\r\n", 4548);
    }

    @Test
    void aWellKnownNameIsTrustedWhenTheRestCannotBeParsed() throws Exception {
        checkIdentified("PROJCS[\"CGCS2000_3_Degree_GK_CM_117E\",GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\","
                + "DATUM[\"D_China_2000\",SPHEROID[\"CGCS2000\",6378137.0", 4548);
    }

    @Test
    void beijing1954IsIdentifiedForTheImporterToRefuseItsDatum() throws Exception {
        String beijing = "PROJCS[\"Beijing_1954_3_Degree_GK_CM_117E\",GEOGCS[\"GCS_Beijing_1954\","
                + "DATUM[\"D_Beijing_1954\",SPHEROID[\"Krasovsky_1940\",6378245.0,298.3]],PRIMEM[\"Greenwich\",0.0],"
                + "UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Gauss_Kruger\"],PARAMETER[\"False_Easting\","
                + "500000.0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",117.0],"
                + "PARAMETER[\"Scale_Factor\",1.0],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]";
        checkIdentified(beijing, 2436);
    }

    @Test
    void aLocalGridMatchingNoEpsgCodeIsRefusedWithAdvice() {
        checkRefused(gaussKruger("Dongli_local_grid", 0.0, 117.35), "Dongli_local_grid", "matches no EPSG CRS",
                "srcCrs");
    }

    @Test
    void textThatIsNoWktIsRefusedWithAdvice() {
        checkRefused("this is not a projection", "cannot be understood", "srcCrs");
        checkRefused("  \n", "empty", "srcCrs");
    }

    @Test
    void aPrjNestedThousandsDeepIsRefusedBeforeItExhaustsTheStack() {
        // found by ReaderFuzzTest: SIS's WKT parser recursed into a StackOverflowError
        checkRefused("PROJCS[\"a\",".repeat(5000), "nests its brackets 5000 deep", "srcCrs");
    }
}
