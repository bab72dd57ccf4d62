/**
 * Readers and writers of the files the district's staff exchange: GeoJSON, zipped shapefiles (with GBK or UTF-8
 * DBFs and .prj CRSs), GeoPackages and, for exports, CSV with WKT.
 *
 * <p>Readers return a {@link cn.dongli.carbonmap.geom.io.SourceDataset}: geometries in the source's own CRS, properties
 * as plain Java values, and for each feature that cannot be read the reason (bad input is data). A file that cannot be
 * read at all raises {@link cn.dongli.carbonmap.geom.io.UnreadableInputException}. Uploads are distrusted:
 * {@link cn.dongli.carbonmap.geom.io.SafeZip} extracts zips within limits, the readers stream within a
 * {@link cn.dongli.carbonmap.geom.io.ReadBudget} (features, vertices, values, time; over it:
 * {@link cn.dongli.carbonmap.geom.io.InputLimitException}), GeoPackages are opened read-only and only their plain
 * tables are read, and .prj files are identified by {@link cn.dongli.carbonmap.geom.io.PrjReader} as EPSG codes, the
 * only way a CRS enters.
 *
 * <p>Writers ({@link cn.dongli.carbonmap.geom.io.ShapefileWriter}, {@link cn.dongli.carbonmap.geom.io.GeoPackageWriter},
 * {@link cn.dongli.carbonmap.geom.io.CsvWktWriter}, {@link cn.dongli.carbonmap.geom.io.GeoJsonWriter}) take
 * {@link cn.dongli.carbonmap.geom.io.WritableFeature}s already in the output CRS and typed
 * {@link cn.dongli.carbonmap.geom.io.ColumnSpec}s, and read the features once. Besides JTS and SIS this package uses
 * Jackson's streaming parser and SQLite's JDBC driver.
 */
package cn.dongli.carbonmap.geom.io;
