/**
 * Exports of a layer, whole or the part inside one street (街道) or control zone (管控区), as GeoJSON, GeoPackage, zipped
 * shapefile or CSV with WKT, in CGCS2000 (EPSG:4490) or Gauss-Krüger (EPSG:4548), through the writers of
 * {@code geom.io}. What is exported imports again unchanged.
 */
package cn.dongli.carbonmap.export;
