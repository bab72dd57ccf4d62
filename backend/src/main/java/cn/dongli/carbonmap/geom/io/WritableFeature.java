package cn.dongli.carbonmap.geom.io;

import java.util.Map;

import org.locationtech.jts.geom.Geometry;

/**
 * One feature handed to a writer ({@link ShapefileWriter}, {@link GeoPackageWriter}, {@link CsvWktWriter}).
 *
 * @param id the feature's id; a GeoPackage keeps an integral id as its {@code fid}, the other formats only write it
 *           when a column asks for it
 * @param geometry a Polygon or MultiPolygon already in the output CRS, or {@code null}
 * @param properties the attribute values by column name; values of names no column lists are not written
 */
public record WritableFeature(Object id, Geometry geometry, Map<String, ?> properties) {

    public WritableFeature {
        properties = properties == null ? Map.of() : properties;
    }
}
