package cn.dongli.carbonmap.geom;

import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.polygonize.Polygonizer;

/**
 * Splits a polygon along a line drawn across it (splitting a forest compartment, 小班). The polygon's boundary and the
 * line are noded together and polygonised; the faces inside the polygon are the parts. A line that does not cross
 * the polygon from edge to edge leaves it whole.
 */
public final class PolygonSplitter {

    private PolygonSplitter() {
    }

    /** The parts of the polygon cut by the line (one part if the line does not cut it). */
    public static List<Polygon> split(Geometry polygon, LineString line) {
        Geometry noded = polygon.getBoundary().union(line);
        Polygonizer polygonizer = new Polygonizer();
        polygonizer.add(noded);
        List<Polygon> parts = new ArrayList<>();
        for (Object o : polygonizer.getPolygons()) {
            Polygon face = (Polygon) o;
            if (face.getArea() > 0 && polygon.contains(face.getInteriorPoint())) {
                parts.add(face);
            }
        }
        return parts;
    }
}
