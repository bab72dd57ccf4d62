/**
 * OGC API – Features at {@code /ogc}: Part 1 (landing page, conformance, the OpenAPI 3.0 document, the seven layers as
 * collections, items with bbox, paging and attribute filters, single items, GeoJSON) and Part 2 (CRS84, CGCS2000
 * EPSG:4490 and the Gauss-Krüger EPSG:4548 with {@code crs} and {@code bbox-crs}), so that QGIS, GDAL and ArcGIS Pro
 * read the layers without copies. Read-only; who may read follows the layer API.
 */
package cn.dongli.carbonmap.ogc;
