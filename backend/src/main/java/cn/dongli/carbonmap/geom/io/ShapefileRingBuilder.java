package cn.dongli.carbonmap.geom.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.locationtech.jts.algorithm.Area;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;

/**
 * Builds a Polygon or MultiPolygon from the rings of a shapefile polygon record, which lists rings without saying
 * which are holes.
 *
 * <p>The ESRI specification says outer rings run clockwise and holes counter-clockwise, but real files get the winding
 * wrong, so rings are organised by containment alone: a ring inside no other ring is a shell; a ring whose smallest
 * enclosing ring is a shell is a hole of that shell; a ring inside a hole is a shell again (an island in a lake). Rings
 * keep the orientation and order they have in the file.
 */
final class ShapefileRingBuilder {

    private ShapefileRingBuilder() {
    }

    /** Organises the rings (at least one) into polygons. */
    static Geometry build(List<LinearRing> rings, GeometryFactory factory) {
        int n = rings.size();
        if (n == 1) {
            return factory.createPolygon(rings.get(0));
        }
        Integer[] bySize = new Integer[n];
        double[] area = new double[n];
        for (int i = 0; i < n; i++) {
            bySize[i] = i;
            area[i] = Math.abs(Area.ofRingSigned(rings.get(i).getCoordinates()));
        }
        // largest first, so that a ring's possible containers all come before it
        Arrays.sort(bySize, Comparator.comparingDouble((Integer i) -> -area[i]).thenComparingInt(i -> i));
        int[] parent = new int[n];
        int[] depth = new int[n];
        IndexedPointInAreaLocator[] locators = new IndexedPointInAreaLocator[n];
        for (int k = 0; k < n; k++) {
            int ring = bySize[k];
            parent[ring] = -1;
            Envelope env = rings.get(ring).getEnvelopeInternal();
            // the smallest container is the first one found walking back towards the largest
            for (int j = k - 1; j >= 0; j--) {
                int candidate = bySize[j];
                if (!rings.get(candidate).getEnvelopeInternal().covers(env)) {
                    continue;
                }
                if (locators[candidate] == null) {
                    locators[candidate] = new IndexedPointInAreaLocator(rings.get(candidate));
                }
                if (inside(rings.get(ring), locators[candidate])) {
                    parent[ring] = candidate;
                    break;
                }
            }
            depth[ring] = parent[ring] < 0 ? 0 : depth[parent[ring]] + 1;
        }
        List<List<LinearRing>> holes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            holes.add(new ArrayList<>());
        }
        for (int ring = 0; ring < n; ring++) {
            if (depth[ring] % 2 != 0) {
                holes.get(parent[ring]).add(rings.get(ring));
            }
        }
        List<Polygon> polygons = new ArrayList<>();
        for (int shell = 0; shell < n; shell++) {
            if (depth[shell] % 2 == 0) {
                polygons.add(factory.createPolygon(rings.get(shell), holes.get(shell).toArray(LinearRing[]::new)));
            }
        }
        return polygons.size() == 1 ? polygons.get(0) : factory.createMultiPolygon(polygons.toArray(Polygon[]::new));
    }

    /** Whether the ring lies inside the area: decided by its first vertex not on the area's boundary. */
    private static boolean inside(LinearRing ring, IndexedPointInAreaLocator area) {
        for (Coordinate c : ring.getCoordinates()) {
            int location = area.locate(c);
            if (location != Location.BOUNDARY) {
                return location == Location.INTERIOR;
            }
        }
        return false;
    }
}
