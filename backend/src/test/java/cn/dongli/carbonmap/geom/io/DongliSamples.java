package cn.dongli.carbonmap.geom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

import cn.dongli.carbonmap.geom.Crs;

/**
 * Small survey data sets of Dongli district (CGCS2000 longitude/latitude) that the tests hand to GDAL, and the checks
 * that compare what a reader returns with them.
 */
final class DongliSamples {

    /** 东丽湖 wetland with an island of reed bed, a two-part shelter belt, and a record that lost its geometry. */
    static final String PARCELS = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"名称":"东丽湖湿地","地类":"湿地","面积":12.5,"株数":340,"调查日期":"2024-05-01"},
              "geometry":{"type":"Polygon","coordinates":[
               [[117.40,39.15],[117.45,39.15],[117.45,39.19],[117.40,39.19],[117.40,39.15]],
               [[117.42,39.16],[117.42,39.17],[117.43,39.17],[117.43,39.16],[117.42,39.16]]]}},
             {"type":"Feature","properties":{"名称":"金钟河防护林带","地类":"林地","面积":null,"株数":null,"调查日期":null},
              "geometry":{"type":"MultiPolygon","coordinates":[
               [[[117.30,39.10],[117.32,39.10],[117.32,39.12],[117.30,39.12],[117.30,39.10]]],
               [[[117.35,39.10],[117.36,39.10],[117.36,39.11],[117.35,39.11],[117.35,39.10]]]]}},
             {"type":"Feature","properties":{"名称":"无图形记录","地类":"林地","面积":1.25,"株数":1,"调查日期":"2023-12-31"},
              "geometry":null}
            ]}""";

    /** The geometries of {@link #PARCELS}, in order (null for the third). */
    static final String[] PARCEL_WKT = {
        "POLYGON ((117.40 39.15, 117.45 39.15, 117.45 39.19, 117.40 39.19, 117.40 39.15),"
                + " (117.42 39.16, 117.42 39.17, 117.43 39.17, 117.43 39.16, 117.42 39.16))",
        "MULTIPOLYGON (((117.30 39.10, 117.32 39.10, 117.32 39.12, 117.30 39.12, 117.30 39.10)),"
                + " ((117.35 39.10, 117.36 39.10, 117.36 39.11, 117.35 39.11, 117.35 39.10)))",
        null
    };

    private DongliSamples() {
    }

    /** Writes the GeoJSON text into the folder. */
    static Path geojson(Path dir, String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name), json, StandardCharsets.UTF_8);
    }

    static Geometry wkt(String wkt) {
        try {
            return new WKTReader().read(wkt);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Checks that a geometry read in the given CRS is, back in CGCS2000 longitude/latitude, the expected one: same type,
     * same rings with the same number of points, no point further than 1e-7° (about a centimetre) from the other
     * shape, whatever the ring order, start point and winding.
     */
    static void checkSameShape(String expectedWkt, Geometry actual, Crs.Code crs) {
        Geometry lonLat = Crs.toStorage(crs).apply(actual, 0);
        Geometry expected = wkt(expectedWkt);
        assertThat(lonLat.getGeometryType()).isEqualTo(expected.getGeometryType());
        assertThat(rings(lonLat)).as("parts and rings of " + lonLat).isEqualTo(rings(expected));
        assertThat(DiscreteHausdorffDistance.distance(lonLat, expected)).as("%s vs %s", lonLat, expected)
                .isLessThan(1e-7);
    }

    /** For each part, in order of size: the number of points of each ring, sorted. */
    private static List<List<Integer>> rings(Geometry g) {
        List<List<Integer>> parts = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Polygon p = (Polygon) g.getGeometryN(i);
            List<Integer> counts = new ArrayList<>();
            counts.add(p.getExteriorRing().getNumPoints());
            for (int h = 0; h < p.getNumInteriorRing(); h++) {
                counts.add(p.getInteriorRingN(h).getNumPoints());
            }
            counts.add(0, (int) Math.round(p.getArea() * 1e6));
            parts.add(counts);
        }
        parts.sort(Comparator.comparing(c -> c.get(0)));
        return parts;
    }
}
