package cn.dongli.carbonmap.export;

import java.util.Arrays;
import java.util.Locale;

import cn.dongli.carbonmap.error.ProblemException;

/** The file formats of an export, with their media types and file extensions. */
enum ExportFormat {

    /** GeoJSON FeatureCollection (with the 2008 {@code crs} member naming the EPSG code). */
    GEOJSON("geojson", "application/geo+json", "geojson"),
    /** GeoPackage 1.2 with one features table. */
    GPKG("gpkg", "application/geopackage+sqlite3", "gpkg"),
    /** Zipped shapefile: .shp, .shx, .dbf (UTF-8), .prj, .cpg. */
    SHAPEFILE("shapefile", "application/zip", "zip"),
    /** CSV (UTF-8 with BOM) with a WKT column. */
    CSV("csv", "text/csv;charset=UTF-8", "csv");

    private final String parameter;
    private final String mediaType;
    private final String extension;

    ExportFormat(String parameter, String mediaType, String extension) {
        this.parameter = parameter;
        this.mediaType = mediaType;
        this.extension = extension;
    }

    String mediaType() {
        return mediaType;
    }

    String extension() {
        return extension;
    }

    /**
     * The format a {@code format} parameter names.
     *
     * @throws ProblemException 400 for any other value
     */
    static ExportFormat parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (ExportFormat f : values()) {
            if (f.parameter.equals(t) || (f == SHAPEFILE && (t.equals("shp") || t.equals("zip")))
                    || (f == GPKG && t.equals("geopackage")) || (f == GEOJSON && t.equals("json"))) {
                return f;
            }
        }
        throw ProblemException.badRequest("invalid-parameter", "format must be one of "
                + String.join(", ", Arrays.stream(values()).map(f -> f.parameter).toList()) + ", not '" + text + "'");
    }
}
