/**
 * Imports of the files staff receive (GeoJSON, zipped shapefiles, GeoPackages) into a layer: spooled with size
 * limits, read by {@code geom.io}, transformed and validated feature by feature, written in one transaction.
 */
package cn.dongli.carbonmap.importer;
