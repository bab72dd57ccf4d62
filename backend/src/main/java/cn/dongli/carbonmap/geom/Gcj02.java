package cn.dongli.carbonmap.geom;

/**
 * GCJ-02, the obfuscated longitude/latitude that AMap, DataV and other Chinese web maps publish (火星坐标).
 *
 * <p>The forward offset is the public formula of the Krasovsky-ellipsoid sine series; boundaries copied from such maps
 * sit 300–500 m off their true position around Tianjin. The inverse has no closed form: it is solved by fixed-point
 * iteration to better than 1e-9° (sub-millimetre), far below the formula's own fidelity (about a metre).
 * Outside China the offset is zero, as in the original.
 */
public final class Gcj02 {

    private static final double A = 6378245.0;
    private static final double EE = 0.00669342162296594323;

    /** From GCJ-02 to WGS 84 (taken as CGCS2000), longitude first. */
    public static final CoordinateTransform TO_WGS84 = (xy, count) -> {
        for (int i = 0; i < count; i++) {
            double[] r = toWgs84(xy[2 * i], xy[2 * i + 1]);
            xy[2 * i] = r[0];
            xy[2 * i + 1] = r[1];
        }
    };

    /** From WGS 84 to GCJ-02, longitude first. */
    public static final CoordinateTransform FROM_WGS84 = (xy, count) -> {
        for (int i = 0; i < count; i++) {
            double[] r = fromWgs84(xy[2 * i], xy[2 * i + 1]);
            xy[2 * i] = r[0];
            xy[2 * i + 1] = r[1];
        }
    };

    private Gcj02() {
    }

    /** The GCJ-02 position of a WGS 84 longitude/latitude. */
    public static double[] fromWgs84(double lon, double lat) {
        if (outsideChina(lon, lat)) {
            return new double[] {lon, lat};
        }
        double dLat = offsetLat(lon - 105.0, lat - 35.0);
        double dLon = offsetLon(lon - 105.0, lat - 35.0);
        double radLat = Math.toRadians(lat);
        double magic = Math.sin(radLat);
        magic = 1 - EE * magic * magic;
        double sqrtMagic = Math.sqrt(magic);
        dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
        dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new double[] {lon + dLon, lat + dLat};
    }

    /** The WGS 84 position whose GCJ-02 image is the given point. */
    public static double[] toWgs84(double lon, double lat) {
        if (outsideChina(lon, lat)) {
            return new double[] {lon, lat};
        }
        double x = lon;
        double y = lat;
        for (int i = 0; i < 30; i++) {
            double[] g = fromWgs84(x, y);
            double ex = g[0] - lon;
            double ey = g[1] - lat;
            x -= ex;
            y -= ey;
            if (Math.abs(ex) < 1e-10 && Math.abs(ey) < 1e-10) {
                break;
            }
        }
        return new double[] {x, y};
    }

    private static boolean outsideChina(double lon, double lat) {
        return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
    }

    private static double offsetLat(double x, double y) {
        double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
        r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return r;
    }

    private static double offsetLon(double x, double y) {
        double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return r;
    }
}
