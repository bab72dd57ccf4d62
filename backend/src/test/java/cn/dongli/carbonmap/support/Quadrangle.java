package cn.dongli.carbonmap.support;

/**
 * The exact ground area of a longitude/latitude box on the CGCS2000 ellipsoid (the authalic formula), so that tests
 * know expected areas without calling the code they test.
 */
public final class Quadrangle {

    private static final double A = 6378137.0;
    private static final double F = 1 / 298.257222101;

    private Quadrangle() {
    }

    /** The area in m² between two meridians and two parallels. */
    public static double area(double lon1, double lat1, double lon2, double lat2) {
        double e2 = F * (2 - F);
        double e = Math.sqrt(e2);
        return A * A * (1 - e2) * Math.toRadians(lon2 - lon1) / 2 * (q(lat2, e, e2) - q(lat1, e, e2));
    }

    private static double q(double latDeg, double e, double e2) {
        double s = Math.sin(Math.toRadians(latDeg));
        return s / (1 - e2 * s * s) + Math.log((1 + e * s) / (1 - e * s)) / (2 * e);
    }
}
