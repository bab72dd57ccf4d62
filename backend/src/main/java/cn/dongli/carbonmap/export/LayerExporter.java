package cn.dongli.carbonmap.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.locationtech.jts.geom.Dimension;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.springframework.stereotype.Component;

import cn.dongli.carbonmap.geom.CoordinateTransform;
import cn.dongli.carbonmap.geom.Crs;
import cn.dongli.carbonmap.geom.io.ColumnSpec;
import cn.dongli.carbonmap.geom.io.CsvWktWriter;
import cn.dongli.carbonmap.geom.io.GeoJsonWriter;
import cn.dongli.carbonmap.geom.io.GeoPackageWriter;
import cn.dongli.carbonmap.geom.io.ShapefileWriter;
import cn.dongli.carbonmap.geom.io.WritableFeature;
import cn.dongli.carbonmap.layer.Attribute;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureJson;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.Layer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the features of a layer, or of the part of it inside an area, in a file format and CRS.
 *
 * <p>Columns are the layer's attributes, in schema order and with their types (codes of an ENUM as text), followed by
 * the extra properties features brought on import, as text (objects and lists as JSON). So an export imports again
 * as the same features. In a shapefile the DBF cuts names to 10 characters ({@code canopy_closure} →
 * {@code canopy_clo}); the importer matches such truncations of attribute names, while extra properties come back
 * under their truncated names.
 */
@Component
class LayerExporter {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> RESERVED = Set.of("fid", "geom", "wkt");

    private final FeatureStore store;
    private final ExportSettings settings;

    LayerExporter(FeatureStore store, ExportSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /**
     * The features of the layer, in id order: all of them, or those whose interior meets the area's (a plot that only
     * touches a street's boundary belongs to the neighbour).
     *
     * @param area a longitude/latitude polygon, or {@code null}
     */
    List<Feature> select(Layer layer, Geometry area) {
        List<Feature> features = new ArrayList<>();
        store.forEach(layer, area, List.of(), f -> {
            if (area == null || area.relate(f.geometry()).get(Location.INTERIOR, Location.INTERIOR) != Dimension.FALSE) {
                features.add(f);
            }
        });
        return features;
    }

    /**
     * Writes the features.
     *
     * @param epsg the output CRS; coordinates are written longitude (easting) first, as every file format here expects
     * @throws IOException if writing fails
     */
    void write(ExportFormat format, Layer layer, List<Feature> features, int epsg, OutputStream out)
            throws IOException {
        CoordinateTransform transform = Crs.fromStorage(epsg);
        if (format == ExportFormat.GEOJSON) {
            try (GeoJsonWriter json = new GeoJsonWriter(out, -1)) {
                json.startCollection(Map.of("name", layer.name(), "crs", Map.of("type", "name",
                        "properties", Map.of("name", "urn:ogc:def:crs:EPSG::" + epsg))));
                for (Feature f : features) {
                    json.feature(f.id(), transform.apply(f.geometry(), epsg), FeatureJson.properties(f), null);
                }
                json.endCollection(Map.of());
            }
            return;
        }
        List<ColumnSpec> columns = columns(layer, features);
        List<WritableFeature> rows = new ArrayList<>(features.size());
        for (Feature f : features) {
            rows.add(new WritableFeature(f.id(), transform.apply(f.geometry(), epsg), row(f, columns)));
        }
        switch (format) {
            case SHAPEFILE -> ShapefileWriter.writeZip(out, layer.name(), epsg, columns, rows);
            case CSV -> CsvWktWriter.write(out, columns, rows);
            case GPKG -> {
                Files.createDirectories(settings.tempDir());
                Path dir = Files.createTempDirectory(settings.tempDir(), "export-");
                Path file = dir.resolve(layer.name() + ".gpkg");
                try {
                    GeoPackageWriter.write(file, layer.name(), epsg, columns, rows);
                    Files.copy(file, out);
                } finally {
                    Files.deleteIfExists(file);
                    Files.deleteIfExists(dir);
                }
            }
            default -> throw new IllegalStateException("unexpected format " + format);
        }
    }

    /** The attribute columns, then one text column per extra property, in order of first appearance. */
    static List<ColumnSpec> columns(Layer layer, List<Feature> features) {
        List<ColumnSpec> columns = new ArrayList<>();
        Set<String> taken = new LinkedHashSet<>(RESERVED);
        for (Attribute a : layer.attributes()) {
            columns.add(new ColumnSpec(a.name(), switch (a.type()) {
                case STRING, ENUM -> ColumnSpec.Type.STRING;
                case INTEGER -> ColumnSpec.Type.INTEGER;
                case DECIMAL -> ColumnSpec.Type.DECIMAL;
                case BOOLEAN -> ColumnSpec.Type.BOOLEAN;
                case DATE -> ColumnSpec.Type.DATE;
            }));
            taken.add(a.name().toLowerCase(Locale.ROOT));
        }
        for (Feature f : features) {
            for (String key : f.extra().keySet()) {
                if (!key.isBlank() && taken.add(key.toLowerCase(Locale.ROOT))) {
                    columns.add(new ColumnSpec(key, ColumnSpec.Type.STRING));
                }
            }
        }
        return columns;
    }

    private static Map<String, Object> row(Feature f, List<ColumnSpec> columns) {
        Map<String, Object> row = new LinkedHashMap<>(f.attributes());
        for (Map.Entry<String, Object> e : f.extra().entrySet()) {
            Object v = e.getValue();
            row.putIfAbsent(e.getKey(), v instanceof Map || v instanceof List ? JSON.writeValueAsString(v) : v);
        }
        return row;
    }
}
