/**
 * Readers and writers of the files the district's staff exchange: GeoJSON, zipped shapefiles (with GBK or UTF-8
 * DBFs and .prj CRSs) and GeoPackages.
 *
 * <p>Readers return a {@link cn.dongli.carbonmap.geom.io.SourceDataset}: geometries in the source's own CRS, properties
 * as plain Java values, and for each feature that cannot be read the reason (bad input is data). A file that cannot be
 * read at all raises {@link cn.dongli.carbonmap.geom.io.UnreadableInputException}. Besides JTS and SIS this package
 * uses Jackson's streaming parser and SQLite's JDBC driver.
 */
package cn.dongli.carbonmap.geom.io;
