package cn.dongli.carbonmap.sample;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateArrays;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.geom.util.LinearComponentExtracter;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.noding.NodedSegmentString;
import org.locationtech.jts.noding.SegmentString;
import org.locationtech.jts.noding.snapround.SnapRoundingNoder;
import org.locationtech.jts.operation.polygonize.Polygonizer;
import org.locationtech.jts.operation.valid.IsValidOp;

/**
 * The faces of an arrangement of lines in storage coordinates: how every polygonal coverage of the generator (streets,
 * zones, land cover) is built so that neighbours share their edges vertex for vertex.
 *
 * <p>All lines are noded together by snap-rounding on the 7-decimal storage grid, so each crossing is computed once
 * and every output vertex is already a stored coordinate; duplicate segments are dropped and the rest polygonized.
 * Clipping each polygon separately would compute the same crossing twice, in a different order, and could leave
 * neighbours a last-bit apart.
 */
final class Arrangement {

    private Arrangement() {
    }

    /** The bounded faces of the arrangement of the linear components of the given geometries. */
    static List<Polygon> faces(Collection<? extends Geometry> linework) {
        List<NodedSegmentString> input = new ArrayList<>();
        for (Geometry g : linework) {
            for (Object o : LinearComponentExtracter.getLines(g)) {
                Coordinate[] c = CoordinateArrays.removeRepeatedPoints(((LineString) o).getCoordinates());
                if (c.length >= 2) {
                    input.add(new NodedSegmentString(c, null));
                }
            }
        }
        SnapRoundingNoder noder = new SnapRoundingNoder(Plane.GRID);
        noder.computeNodes(input);
        Set<Segment> unique = new LinkedHashSet<>();
        for (Object o : noder.getNodedSubstrings()) {
            Coordinate[] c = ((SegmentString) o).getCoordinates();
            for (int i = 0; i < c.length - 1; i++) {
                if (!c[i].equals2D(c[i + 1])) {
                    unique.add(Segment.of(c[i], c[i + 1]));
                }
            }
        }
        Polygonizer polygonizer = new Polygonizer(false);
        polygonizer.setCheckRingsValid(false);
        List<LineString> lines = new ArrayList<>(unique.size());
        for (Segment s : unique) {
            lines.add(Plane.STORAGE.createLineString(new Coordinate[] {
                new Coordinate(s.x0, s.y0), new Coordinate(s.x1, s.y1)}));
        }
        polygonizer.add(lines);
        List<Polygon> faces = new ArrayList<>();
        for (Object o : polygonizer.getPolygons()) {
            Polygon p = (Polygon) o;
            if (IsValidOp.isValid(p)) {
                faces.add(p);
            } else {
                // a face touching itself at a node: split it there, keeping its vertices
                for (Object part : PolygonExtracter.getPolygons(GeometryFixer.fix(p))) {
                    faces.add((Polygon) part);
                }
            }
        }
        // The polygonizer's graph keeps its edges in an identity hash set, so the order of the faces and the first
        // vertex of each ring change from run to run: normalise both.
        for (Polygon p : faces) {
            p.normalize();
        }
        faces.sort(null);
        return faces;
    }

    /** The union of faces of one coverage (exact: shared edges vanish, other vertices stay). */
    static Geometry union(List<? extends Geometry> faces) {
        if (faces.size() == 1) {
            return faces.get(0).copy();
        }
        return CoverageUnion.union(faces.toArray(Geometry[]::new));
    }

    /** The segments of a polygonal geometry's rings. */
    static Set<Segment> segments(Geometry polygonal) {
        Set<Segment> set = new HashSet<>();
        for (Object o : LinearComponentExtracter.getLines(polygonal)) {
            Coordinate[] c = ((LineString) o).getCoordinates();
            for (int k = 0; k + 1 < c.length; k++) {
                set.add(Segment.of(c[k], c[k + 1]));
            }
        }
        return set;
    }

    /** The length (in the geometry's units) of the rings of a polygonal geometry that lies on the given segments. */
    static double sharedLength(Geometry polygonal, Set<Segment> edges) {
        double length = 0;
        for (Object o : LinearComponentExtracter.getLines(polygonal)) {
            Coordinate[] c = ((LineString) o).getCoordinates();
            for (int k = 0; k + 1 < c.length; k++) {
                if (edges.contains(Segment.of(c[k], c[k + 1]))) {
                    length += c[k].distance(c[k + 1]);
                }
            }
        }
        return length;
    }

    /** A segment with its endpoints in a canonical order. */
    record Segment(double x0, double y0, double x1, double y1) {
        static Segment of(Coordinate a, Coordinate b) {
            boolean swap = a.x > b.x || (a.x == b.x && a.y > b.y);
            return swap ? new Segment(b.x, b.y, a.x, a.y) : new Segment(a.x, a.y, b.x, b.y);
        }
    }
}
