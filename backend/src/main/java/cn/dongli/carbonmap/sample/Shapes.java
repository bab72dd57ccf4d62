package cn.dongli.carbonmap.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.buffer.BufferOp;
import org.locationtech.jts.operation.buffer.BufferParameters;

/**
 * Design shapes in the equal-area plane: smooth curves through control points, irregular blobs, buffered curves and
 * the gentle warp that bends straight Voronoi edges into boundaries that look surveyed rather than drawn.
 *
 * <p>Control points are in km from the local origin ({@link Plane#km}); results are planar geometries in metres.
 */
final class Shapes {

    private Shapes() {
    }

    /**
     * A centripetal Catmull-Rom curve through control points (no loops or cusps), sampled about every
     * {@code spacingKm}.
     *
     * @param points control points in km, {x, y}
     * @param closed whether the curve returns to its first point
     */
    static Coordinate[] spline(double[][] points, boolean closed, double spacingKm) {
        int n = points.length;
        List<Coordinate> out = new ArrayList<>();
        int segments = closed ? n : n - 1;
        for (int s = 0; s < segments; s++) {
            double[] p0 = closed ? points[(s - 1 + n) % n] : (s == 0 ? extrapolate(points[0], points[1]) : points[s - 1]);
            double[] p1 = points[s % n];
            double[] p2 = points[(s + 1) % n];
            double[] p3 = closed ? points[(s + 2) % n]
                    : (s + 2 < n ? points[s + 2] : extrapolate(points[n - 1], points[n - 2]));
            double length = StrictMath.hypot(p2[0] - p1[0], p2[1] - p1[1]);
            int steps = Math.max(2, (int) StrictMath.ceil(length / spacingKm));
            for (int k = 0; k < steps; k++) {
                double[] c = catmullRom(p0, p1, p2, p3, k / (double) steps);
                out.add(Plane.km(c[0], c[1]));
            }
        }
        if (closed) {
            out.add(new Coordinate(out.get(0)));
        } else {
            double[] last = points[n - 1];
            out.add(Plane.km(last[0], last[1]));
        }
        return out.toArray(Coordinate[]::new);
    }

    private static double[] extrapolate(double[] end, double[] next) {
        return new double[] {2 * end[0] - next[0], 2 * end[1] - next[1]};
    }

    private static double[] catmullRom(double[] p0, double[] p1, double[] p2, double[] p3, double f) {
        double t0 = 0;
        double t1 = t0 + knot(p0, p1);
        double t2 = t1 + knot(p1, p2);
        double t3 = t2 + knot(p2, p3);
        double t = t1 + f * (t2 - t1);
        double[] a1 = lerp(p0, p1, (t - t0) / (t1 - t0));
        double[] a2 = lerp(p1, p2, (t - t1) / (t2 - t1));
        double[] a3 = lerp(p2, p3, (t - t2) / (t3 - t2));
        double[] b1 = lerp(a1, a2, (t - t0) / (t2 - t0));
        double[] b2 = lerp(a2, a3, (t - t1) / (t3 - t1));
        return lerp(b1, b2, (t - t1) / (t2 - t1));
    }

    private static double knot(double[] a, double[] b) {
        return Math.max(1e-6, StrictMath.sqrt(StrictMath.hypot(b[0] - a[0], b[1] - a[1])));
    }

    private static double[] lerp(double[] a, double[] b, double f) {
        return new double[] {a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f};
    }

    /** A smooth open curve through control points (km), as a planar line. */
    static LineString curve(double[][] points, double spacingKm) {
        return Plane.PLANAR.createLineString(spline(points, false, spacingKm));
    }

    /** A strip of the given total width (m) along a curve, with flat ends. */
    static Geometry strip(LineString curve, double widthM) {
        BufferParameters p = new BufferParameters(6, BufferParameters.CAP_FLAT);
        return BufferOp.bufferOp(curve, widthM / 2, p);
    }

    /**
     * An irregular, rounded, star-shaped blob.
     *
     * @param cx centre in km east
     * @param cy centre in km north
     * @param radiusKm mean radius
     * @param irregularity 0 for a circle, up to about 0.35
     * @param random the source of the harmonics' phases and amplitudes
     */
    static Polygon blob(double cx, double cy, double radiusKm, double irregularity, SplittableRandom random) {
        int harmonics = 5;
        double[] amp = new double[harmonics + 2];
        double[] phase = new double[harmonics + 2];
        for (int k = 2; k < harmonics + 2; k++) {
            amp[k] = irregularity * Rand.between(random, 0.3, 1.0) / (k - 1);
            phase[k] = Rand.between(random, 0, 2 * StrictMath.PI);
        }
        double stretch = 1 + irregularity * Rand.between(random, -0.5, 0.5);
        double angle = Rand.between(random, 0, StrictMath.PI);
        int n = Math.max(48, Math.min(160, (int) (radiusKm * 2 * StrictMath.PI / 0.04)));
        Coordinate[] ring = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            double th = 2 * StrictMath.PI * i / n;
            double r = 1;
            for (int k = 2; k < harmonics + 2; k++) {
                r += amp[k] * StrictMath.cos(k * th + phase[k]);
            }
            r = radiusKm * Math.max(0.35, r);
            double ex = r * StrictMath.cos(th) * stretch;
            double ey = r * StrictMath.sin(th) / stretch;
            double x = ex * StrictMath.cos(angle) - ey * StrictMath.sin(angle);
            double y = ex * StrictMath.sin(angle) + ey * StrictMath.cos(angle);
            ring[i] = Plane.km(cx + x, cy + y);
        }
        ring[n] = new Coordinate(ring[0]);
        return Plane.PLANAR.createPolygon(ring);
    }

    /** A rectangle of the given size (m) centred on a planar point and rotated by {@code angle} radians. */
    static Polygon rectangle(Coordinate centre, double width, double height, double angle) {
        double c = StrictMath.cos(angle);
        double s = StrictMath.sin(angle);
        double[][] corners = {{-width / 2, -height / 2}, {width / 2, -height / 2}, {width / 2, height / 2},
            {-width / 2, height / 2}};
        Coordinate[] ring = new Coordinate[5];
        for (int i = 0; i < 4; i++) {
            ring[i] = new Coordinate(centre.x + corners[i][0] * c - corners[i][1] * s,
                    centre.y + corners[i][0] * s + corners[i][1] * c);
        }
        ring[4] = new Coordinate(ring[0]);
        return Plane.PLANAR.createPolygon(ring);
    }

    /**
     * The warp applied to boundaries drawn as straight lines: a smooth shear of at most about 0.5 km whose Jacobian
     * stays close to the identity, so lines that did not cross still do not cross.
     */
    static Coordinate warp(Coordinate planar) {
        double x = Plane.eastKm(planar.x);
        double y = Plane.northKm(planar.y);
        double dx = 0.33 * StrictMath.sin(2 * StrictMath.PI * y / 7.3 + 1.1)
                + 0.11 * StrictMath.sin(2 * StrictMath.PI * y / 2.9 + 2.3);
        double dy = 0.33 * StrictMath.sin(2 * StrictMath.PI * x / 6.7 + 0.4)
                + 0.11 * StrictMath.sin(2 * StrictMath.PI * x / 3.1 + 4.0);
        return Plane.km(x + dx, y + dy);
    }

    /** A planar line densified to about {@code stepM} and warped. */
    static LineString warp(LineString line, double stepM) {
        List<Coordinate> out = new ArrayList<>();
        Coordinate[] c = line.getCoordinates();
        for (int i = 0; i < c.length - 1; i++) {
            double d = c[i].distance(c[i + 1]);
            int steps = Math.max(1, (int) StrictMath.ceil(d / stepM));
            for (int k = 0; k < steps; k++) {
                double f = k / (double) steps;
                out.add(warp(new Coordinate(c[i].x + (c[i + 1].x - c[i].x) * f, c[i].y + (c[i + 1].y - c[i].y) * f)));
            }
        }
        out.add(warp(c[c.length - 1]));
        return Plane.PLANAR.createLineString(out.toArray(Coordinate[]::new));
    }

    /** A planar polygon densified and warped (used to classify points, not as a boundary). */
    static Polygon warp(Polygon p, double stepM) {
        Coordinate[] shell = warp(p.getExteriorRing(), stepM).getCoordinates();
        shell[shell.length - 1] = new Coordinate(shell[0]);
        return Plane.PLANAR.createPolygon(shell);
    }
}
