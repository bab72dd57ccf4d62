/**
 * The geometry core of CarbonMap: every CRS and geometry rule lives here.
 *
 * <p>Only the JDK, JTS and Apache SIS are used: no Spring, no SQL, no HTTP. Coordinates enter the system through
 * {@link cn.dongli.carbonmap.geom.Crs} (one door for all CRSs, axis order always longitude/easting first), are stored
 * in CGCS2000 longitude/latitude (EPSG:4490), and areas are measured on the CGCS2000 ellipsoid through
 * {@link cn.dongli.carbonmap.geom.EqualAreaProjection}, never in degrees or Web Mercator.
 */
package cn.dongli.carbonmap.geom;
