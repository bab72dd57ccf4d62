package cn.dongli.carbonmap.geom.io;

import java.io.Closeable;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

import tools.jackson.core.JsonGenerator;

/**
 * Streams GeoJSON (RFC 7946) features to an output stream, so that a response of any size needs no more memory than
 * one feature.
 *
 * <p>Coordinates are written as given (the caller transforms them first), optionally rounded to a number of decimals.
 * Property values may be any Jackson-serialisable Java value.
 */
public final class GeoJsonWriter implements Closeable {

    private final JsonGenerator out;
    private final int decimals;
    private boolean inCollection;

    /**
     * @param stream where to write; not closed by {@link #close()}
     * @param decimals decimals kept in coordinates, or a negative number for full precision
     */
    public GeoJsonWriter(OutputStream stream, int decimals) {
        this.out = GeoJsonReader.JSON.createGenerator(stream);
        this.decimals = decimals;
    }

    /** Opens a FeatureCollection; features follow with {@link #feature}. */
    public GeoJsonWriter startCollection() {
        return startCollection(null);
    }

    /**
     * Opens a FeatureCollection with members written before the features, such as the GeoJSON 2008 {@code crs} member
     * of a projected export, which streaming readers need before the coordinates.
     */
    public GeoJsonWriter startCollection(Map<String, ?> members) {
        out.writeStartObject();
        out.writeStringProperty("type", "FeatureCollection");
        if (members != null) {
            for (Map.Entry<String, ?> e : members.entrySet()) {
                out.writePOJOProperty(e.getKey(), e.getValue());
            }
        }
        out.writeName("features");
        out.writeStartArray();
        inCollection = true;
        return this;
    }

    /**
     * Closes the FeatureCollection, adding foreign members such as {@code numberMatched} or {@code links}.
     */
    public void endCollection(Map<String, ?> members) {
        out.writeEndArray();
        inCollection = false;
        if (members != null) {
            for (Map.Entry<String, ?> e : members.entrySet()) {
                out.writePOJOProperty(e.getKey(), e.getValue());
            }
        }
        out.writeEndObject();
        out.flush();
    }

    /**
     * Writes one Feature.
     *
     * @param id the feature's id (a number or a string), or null
     * @param geometry the geometry, already in the output CRS
     * @param properties the properties, in the order to write them
     * @param members foreign members of the Feature (e.g. {@code meta}), or null
     */
    public GeoJsonWriter feature(Object id, Geometry geometry, Map<String, ?> properties, Map<String, ?> members) {
        out.writeStartObject();
        out.writeStringProperty("type", "Feature");
        if (id instanceof Number n) {
            out.writeNumberProperty("id", n.longValue());
        } else if (id != null) {
            out.writeStringProperty("id", id.toString());
        }
        out.writeName("geometry");
        geometry(geometry);
        out.writeName("properties");
        out.writeStartObject();
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            out.writePOJOProperty(e.getKey(), e.getValue());
        }
        out.writeEndObject();
        if (members != null) {
            for (Map.Entry<String, ?> e : members.entrySet()) {
                out.writePOJOProperty(e.getKey(), e.getValue());
            }
        }
        out.writeEndObject();
        if (!inCollection) {
            out.flush();
        }
        return this;
    }

    /** Writes a geometry object (Polygon or MultiPolygon), or {@code null}. */
    public void geometry(Geometry g) {
        if (g == null) {
            out.writeNull();
            return;
        }
        out.writeStartObject();
        if (g instanceof Polygon p) {
            out.writeStringProperty("type", "Polygon");
            out.writeName("coordinates");
            polygon(p);
        } else if (g instanceof MultiPolygon mp) {
            out.writeStringProperty("type", "MultiPolygon");
            out.writeName("coordinates");
            out.writeStartArray();
            for (int i = 0; i < mp.getNumGeometries(); i++) {
                polygon((Polygon) mp.getGeometryN(i));
            }
            out.writeEndArray();
        } else {
            throw new IllegalArgumentException("only polygons are written, not " + g.getGeometryType());
        }
        out.writeEndObject();
    }

    private void polygon(Polygon p) {
        out.writeStartArray();
        ring(p.getExteriorRing());
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            ring(p.getInteriorRingN(i));
        }
        out.writeEndArray();
    }

    private void ring(LineString ring) {
        CoordinateSequence seq = ring.getCoordinateSequence();
        out.writeStartArray();
        for (int i = 0; i < seq.size(); i++) {
            out.writeStartArray();
            number(seq.getX(i));
            number(seq.getY(i));
            out.writeEndArray();
        }
        out.writeEndArray();
    }

    private void number(double v) {
        if (decimals < 0) {
            out.writeNumber(v);
        } else {
            out.writeNumber(BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros());
        }
    }

    /** Flushes; the underlying stream stays open. */
    @Override
    public void close() {
        out.close();
    }
}
