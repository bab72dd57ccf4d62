package cn.dongli.carbonmap.geom.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * The GeoPackage geometry blob (GeoPackage 1.2, clause 2.1.3): the header {@code "GP"}, version, flags, srs_id and an
 * optional envelope, followed by standard WKB.
 */
final class GeoPackageGeometry {

    private static final int FLAG_LITTLE_ENDIAN = 1;
    private static final int FLAG_EMPTY = 1 << 4;
    private static final int FLAG_EXTENDED = 1 << 5;
    /** Bytes of the envelope for each envelope contents indicator 0–4: none, xy, xyz, xym, xyzm. */
    private static final int[] ENVELOPE_BYTES = {0, 32, 48, 48, 64};

    private GeoPackageGeometry() {
    }

    /** A blob that is not a GeoPackage geometry; the message says why. */
    static final class BadBlob extends Exception {
        private static final long serialVersionUID = 1L;

        BadBlob(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Decodes a blob into a geometry of the factory (2-D: Z and M are dropped), or null for an empty geometry.
     *
     * @throws BadBlob if the blob is not a GeoPackage geometry or its WKB is damaged
     */
    static Geometry decode(byte[] blob, GeometryFactory factory) throws BadBlob {
        if (blob.length < 8 || blob[0] != 'G' || blob[1] != 'P') {
            throw new BadBlob("the geometry is not a GeoPackage geometry blob");
        }
        if (blob[2] != 0) {
            throw new BadBlob("the geometry blob has version " + blob[2] + "; version 0 (GeoPackage 1.x) is read");
        }
        int flags = blob[3];
        if ((flags & FLAG_EXTENDED) != 0) {
            throw new BadBlob("the geometry uses an extended GeoPackage geometry type");
        }
        int envelope = (flags >> 1) & 0x7;
        if (envelope >= ENVELOPE_BYTES.length) {
            throw new BadBlob("the geometry blob has an invalid envelope indicator " + envelope);
        }
        int wkbStart = 8 + ENVELOPE_BYTES[envelope];
        if ((flags & FLAG_EMPTY) != 0) {
            return null;
        }
        if (blob.length <= wkbStart) {
            throw new BadBlob("the geometry blob is truncated");
        }
        byte[] wkb = new byte[blob.length - wkbStart];
        System.arraycopy(blob, wkbStart, wkb, 0, wkb.length);
        try {
            Geometry g = new WKBReader(factory).read(wkb);
            return g.isEmpty() ? null : flat(g, factory);
        } catch (ParseException | RuntimeException e) {
            throw new BadBlob("the geometry's WKB is damaged: " + e.getMessage());
        }
    }

    /** Encodes a non-null geometry with a little-endian header, an XY envelope (none when empty) and 2-D WKB. */
    static byte[] encode(Geometry g, int srsId) {
        byte[] wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN).write(g);
        boolean empty = g.isEmpty();
        ByteBuffer b = ByteBuffer.allocate(8 + (empty ? 0 : 32) + wkb.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'G').put((byte) 'P').put((byte) 0);
        b.put((byte) (FLAG_LITTLE_ENDIAN | (empty ? FLAG_EMPTY : 1 << 1)));
        b.putInt(srsId);
        if (!empty) {
            Envelope e = g.getEnvelopeInternal();
            b.putDouble(e.getMinX()).putDouble(e.getMaxX()).putDouble(e.getMinY()).putDouble(e.getMaxY());
        }
        b.put(wkb);
        return b.array();
    }

    /** The geometry without Z or M: GeoPackages written in 3-D hold the same footprints. */
    private static Geometry flat(Geometry g, GeometryFactory factory) throws ParseException {
        Coordinate c = g.getCoordinate();
        if (Double.isNaN(c.getZ()) && Double.isNaN(c.getM())) {
            return g;
        }
        return new WKBReader(factory).read(new WKBWriter(2).write(g));
    }
}
