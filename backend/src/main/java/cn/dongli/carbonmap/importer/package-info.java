/**
 * Imports of the files staff receive (GeoJSON, zipped shapefiles, GeoPackages, CSV with WKT) into a layer: spooled
 * with size limits on the request's worker, then on a bounded pool of their own ({@code ImportPool}) read by
 * {@code geom.io} within a read budget, transformed and validated feature by feature, written in one transaction.
 */
package cn.dongli.carbonmap.importer;
