package cn.dongli.carbonmap.geom;

import java.util.Locale;

import org.apache.sis.referencing.CRS;
import org.locationtech.jts.geom.Geometry;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.util.FactoryException;

/**
 * The plane in which CarbonMap measures areas: the Lambert cylindrical equal-area projection of the CGCS2000
 * ellipsoid (EPSG method 9835), centred on Dongli.
 *
 * <p>The projection preserves area exactly on the ellipsoid, so the planar area of a projected polygon is its ground
 * area on CGCS2000 (edges taken as straight lines in the projection, which for edges of a few kilometres differs from
 * geodesic edges by less than 0.001 % of the enclosed area). Compare Gauss-Krüger CM 117E (EPSG:4548): conformal, its
 * area scale error grows to 0.006 % at Dongli's eastern edge. With the standard parallel in the middle of the district,
 * shapes are distorted by less than 0.3 %, which does not matter for overlays.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EqualAreaProjection {

    /** The projection for Dongli: standard parallel 39.12°N, central meridian 117.40°E. */
    public static final EqualAreaProjection DONGLI = new EqualAreaProjection(39.12, 117.40);

    private final CoordinateTransform forward;
    private final CoordinateTransform inverse;

    /**
     * @param standardParallel latitude of true scale, degrees
     * @param centralMeridian longitude of the origin, degrees
     */
    public EqualAreaProjection(double standardParallel, double centralMeridian) {
        CoordinateReferenceSystem geographic = Crs.forCode(Crs.CGCS2000);
        String wkt = String.format(Locale.ROOT, """
                PROJCRS["CGCS2000 / CarbonMap equal area",
                  BASEGEOGCRS["China Geodetic Coordinate System 2000",
                    DATUM["China 2000", ELLIPSOID["CGCS2000", 6378137, 298.257222101]],
                    UNIT["degree", 0.0174532925199433]],
                  CONVERSION["Lambert cylindrical equal area",
                    METHOD["Lambert Cylindrical Equal Area", ID["EPSG", 9835]],
                    PARAMETER["Latitude of 1st standard parallel", %s],
                    PARAMETER["Longitude of natural origin", %s],
                    PARAMETER["False easting", 0], PARAMETER["False northing", 0]],
                  CS[Cartesian, 2], AXIS["easting", east], AXIS["northing", north], UNIT["metre", 1]]""",
                standardParallel, centralMeridian);
        try {
            CoordinateReferenceSystem projected = CRS.fromWKT(wkt);
            this.forward = Crs.sis(Crs.operation(geographic, projected));
            this.inverse = Crs.sis(Crs.operation(projected, geographic));
        } catch (FactoryException e) {
            throw new IllegalStateException("cannot build the equal-area projection", e);
        }
    }

    /** The transform from CGCS2000 longitude/latitude to this plane, in metres. */
    public CoordinateTransform forward() {
        return forward;
    }

    /** The transform from this plane back to CGCS2000 longitude/latitude. */
    public CoordinateTransform inverse() {
        return inverse;
    }

    /** Projects a longitude/latitude geometry into this plane (a new geometry, SRID 0). */
    public Geometry project(Geometry lonLat) {
        return forward.apply(lonLat, 0);
    }

    /** Returns a geometry of this plane to CGCS2000 longitude/latitude (SRID 4490). */
    public Geometry unproject(Geometry planar) {
        return inverse.apply(planar, Crs.CGCS2000);
    }

    /** The ground area on the CGCS2000 ellipsoid, in m², of a longitude/latitude geometry. */
    public double area(Geometry lonLat) {
        return project(lonLat).getArea();
    }
}
