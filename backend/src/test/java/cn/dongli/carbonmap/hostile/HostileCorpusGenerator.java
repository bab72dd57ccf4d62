package cn.dongli.carbonmap.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the binary and the large files of the hostile-input corpus ({@code src/test/resources/hostile/}): the zipped
 * shapefiles and, gzipped so that the repository stays small, the documents that are large only once inflated. The
 * small text documents of the corpus are written by hand and are not touched.
 *
 * <p>It uses nothing but the JDK, so that it runs as a single source file from the {@code backend} folder:
 * <pre>
 *   java src/test/java/cn/dongli/carbonmap/hostile/HostileCorpusGenerator.java src/test/resources/hostile
 * </pre>
 * The output is deterministic (fixed zip times, gzip without a name or time). {@link HostileCorpus} decompresses a
 * {@code .gz} file before it sends it, so what the server receives is the inflated file.
 */
public final class HostileCorpusGenerator {

    /** A fixed time for zip entries: the same bytes on every run. */
    private static final long ZIP_TIME = 1_704_067_200_000L; // 2024-01-01T00:00:00Z

    /** The sizes the zip bomb claims and inflates to. */
    static final long BOMB_BYTES = 2L << 30;

    private static final Charset GBK = Charset.forName("GBK");

    private static final String CGCS2000_PRJ = "GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\","
            + "DATUM[\"D_China_2000\",SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],"
            + "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";
    /** CGCS2000 / 3-degree Gauss-Kruger CM 117E (EPSG:4548): metres, where the file's numbers are degrees. */
    private static final String GK_CM_117E_PRJ = "PROJCS[\"CGCS2000_3_Degree_GK_CM_117E\"," + CGCS2000_PRJ
            + ",PROJECTION[\"Gauss_Kruger\"],PARAMETER[\"False_Easting\",500000.0],PARAMETER[\"False_Northing\",0.0],"
            + "PARAMETER[\"Central_Meridian\",117.0],PARAMETER[\"Scale_Factor\",1.0],"
            + "PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]";
    /** Beijing 1954 longitude/latitude, a datum the importer refuses (its shift needs local parameters). */
    private static final String BEIJING_1954_PRJ = "GEOGCS[\"GCS_Beijing_1954\",DATUM[\"D_Beijing_1954\","
            + "SPHEROID[\"Krasovsky_1940\",6378245.0,298.3]],PRIMEM[\"Greenwich\",0.0],"
            + "UNIT[\"Degree\",0.0174532925199433]]";

    private HostileCorpusGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "src/test/resources/hostile");
        Path json = Files.createDirectories(root.resolve("json"));
        Path shp = Files.createDirectories(root.resolve("shp"));

        Files.write(json.resolve("nested-array-100k.json.gz"), gzip(nestedArrays(100_000)));
        Files.write(json.resolve("nested-object-100k.json.gz"), gzip(nestedObjects(100_000)));
        Files.write(json.resolve("million-points-bow-tie.geojson.gz"), gzip(millionPointBowTie()));
        Files.write(json.resolve("million-points-zigzag.geojson.gz"), gzip(millionPointZigZag()));
        Files.write(json.resolve("oversize-feature-2mb.json.gz"), gzip(paddedPark(2 << 20)));
        // one string just over the parser's 1,000,000 characters in a body just under the tests' 1 MiB limit
        Files.write(json.resolve("long-string-1m.json.gz"), gzip(paddedPark(1_000_200)));
        Files.write(json.resolve("oversize-upload-40mb.geojson.gz"), gzip(paddedPark(40 << 20)));

        Files.write(shp.resolve("zip-bomb-2gb.zip.gz"), gzip(zipBomb(false)));
        Files.write(shp.resolve("zip-bomb-lying-headers.zip.gz"), gzip(zipBomb(true)));
        Files.write(shp.resolve("zip-slip.zip"), zip(Map.of(
                "park.shp", "x".getBytes(StandardCharsets.US_ASCII),
                "../../etc/cron.d/carbonmap", "* * * * * root rm -rf /\n".getBytes(StandardCharsets.US_ASCII))));
        Files.write(shp.resolve("zip-absolute-path.zip"), zip(Map.of(
                "park.shp", "x".getBytes(StandardCharsets.US_ASCII),
                "/tmp/carbonmap-evil.shp", "x".getBytes(StandardCharsets.US_ASCII))));
        Files.write(shp.resolve("zip-backslash-slip.zip"), zip(Map.of(
                "park.shp", "x".getBytes(StandardCharsets.US_ASCII),
                "..\\..\\carbonmap-evil.dbf", "x".getBytes(StandardCharsets.US_ASCII))));

        Map<String, byte[]> park = park(StandardCharsets.UTF_8);
        Files.write(shp.resolve("prj-wrong-projected.zip"), zip(with(park, "park.prj", GK_CM_117E_PRJ)));
        Files.write(shp.resolve("prj-beijing-1954.zip"), zip(with(park, "park.prj", BEIJING_1954_PRJ)));
        Files.write(shp.resolve("prj-garbage.zip"), zip(with(park, "park.prj", "this is not a CRS")));
        Files.write(shp.resolve("prj-missing.zip"), zip(park));
        Files.write(shp.resolve("prj-cgcs2000.zip"), zip(with(park, "park.prj", CGCS2000_PRJ)));

        Map<String, byte[]> gbk = with(park(GBK), "park.prj", CGCS2000_PRJ);
        Files.write(shp.resolve("dbf-gbk-cpg-utf8.zip"), zip(with(gbk, "park.cpg", "UTF-8")));
        Files.write(shp.resolve("dbf-gbk-cpg-gbk.zip"), zip(with(gbk, "park.cpg", "GBK")));
        System.out.println("wrote the hostile corpus's generated files under " + root.toAbsolutePath());
    }

    // --- JSON ---------------------------------------------------------------------------------------------------------

    /** {@code [[[[…]]]]}, n deep: a parser that recurses per level overflows its stack. */
    static byte[] nestedArrays(int depth) {
        byte[] b = new byte[2 * depth];
        Arrays.fill(b, 0, depth, (byte) '[');
        Arrays.fill(b, depth, 2 * depth, (byte) ']');
        return b;
    }

    /** A Feature whose properties are {"a":{"a":…}} n deep. */
    static byte[] nestedObjects(int depth) {
        StringBuilder sb = new StringBuilder(8 * depth + 256);
        sb.append("{\"type\":\"Feature\",\"geometry\":null,\"properties\":");
        sb.append("{\"a\":".repeat(depth)).append("1").append("}".repeat(depth)).append('}');
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A forest plot whose ring has 1,000,001 positions: a bow tie over 117.401–117.409 E, 39.101–39.109 N (its two
     * edges cross at 117.405 E, 39.105 N) with each corner repeated 250,000 times, so that it gzips to a few KB. The
     * reader must hold a million positions and the validator find the crossing.
     */
    static byte[] millionPointBowTie() {
        String[] corners = {"[117.401,39.101]", "[117.409,39.109]", "[117.409,39.101]", "[117.401,39.109]"};
        StringBuilder sb = new StringBuilder(18 * 1_000_001 + 256);
        sb.append(plotHead("HOSTILE-1M"));
        for (String corner : corners) {
            for (int i = 0; i < 250_000; i++) {
                sb.append(corner).append(',');
            }
        }
        sb.append(corners[0]).append("]]}}");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A forest plot whose ring runs back and forth 500,000 times along one segment (117.401 → 117.409 E at 39.101 N)
     * before it closes over 117.405 E, 39.109 N: a million segments lying on each other, the worst case of a spatial
     * index used to find self-intersections.
     */
    static byte[] millionPointZigZag() {
        StringBuilder sb = new StringBuilder(18 * 1_000_003 + 256);
        sb.append(plotHead("HOSTILE-ZIGZAG"));
        for (int i = 0; i < 500_000; i++) {
            sb.append("[117.401,39.101],[117.409,39.101],");
        }
        sb.append("[117.405,39.109],[117.401,39.101]]]}}");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String plotHead(String code) {
        return "{\"type\":\"Feature\",\"properties\":{\"plot_code\":\"" + code + "\",\"species\":\"ash\","
                + "\"canopy_closure\":0.5,\"stock_m3\":10},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[";
    }

    /** A valid park whose name is padded with spaces to about the given size: valid JSON, too large. */
    static byte[] paddedPark(int bytes) {
        String head = "{\"type\":\"Feature\",\"properties\":{\"status\":\"built\",\"name\":\"";
        String tail = "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[117.401,39.101],[117.402,39.101],"
                + "[117.402,39.102],[117.401,39.102],[117.401,39.101]]]}}";
        return (head + " ".repeat(Math.max(0, bytes - head.length() - tail.length())) + tail)
                .getBytes(StandardCharsets.US_ASCII);
    }

    // --- zips ---------------------------------------------------------------------------------------------------------

    /**
     * A zip of one entry, {@code park.dbf}, that inflates to {@link #BOMB_BYTES} zeros from about 2 MB; gzipped it is a
     * few KB, as deflated zeros repeat. With {@code lyingHeaders} the local and central headers claim 1,000 bytes.
     */
    static byte[] zipBomb(boolean lyingHeaders) {
        Deflater deflater = new Deflater(9, true);
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        byte[] out = new byte[1 << 16];
        CRC32 crc = new CRC32();
        for (long done = 0; done < BOMB_BYTES; done += zeros.length) {
            crc.update(zeros);
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                deflated.write(out, 0, deflater.deflate(out));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            deflated.write(out, 0, deflater.deflate(out));
        }
        deflater.end();
        long claimed = lyingHeaders ? 1000 : BOMB_BYTES;
        byte[] name = "park.dbf".getBytes(StandardCharsets.US_ASCII);
        byte[] data = deflated.toByteArray();
        // written by hand: ZipOutputStream would write the true sizes; the 2 GiB size still fits 32 bits
        ByteBuffer zip = ByteBuffer.allocate(30 + name.length + data.length + 46 + name.length + 22)
                .order(ByteOrder.LITTLE_ENDIAN);
        zip.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 8).putInt(dosTime())
                .putInt((int) crc.getValue()).putInt(data.length).putInt((int) claimed).putShort((short) name.length)
                .putShort((short) 0).put(name).put(data);
        int central = zip.position();
        zip.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) 8)
                .putInt(dosTime()).putInt((int) crc.getValue()).putInt(data.length).putInt((int) claimed)
                .putShort((short) name.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0).putInt(0).putInt(0).put(name);
        int centralSize = zip.position() - central;
        zip.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 1).putShort((short) 1)
                .putInt(centralSize).putInt(central).putShort((short) 0);
        return zip.array();
    }

    private static int dosTime() {
        return (2024 - 1980) << 25 | 1 << 21 | 1 << 16;
    }

    static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> f : new java.util.TreeMap<>(files).entrySet()) {
                ZipEntry e = new ZipEntry(f.getKey());
                e.setTime(ZIP_TIME);
                zip.putNextEntry(e);
                zip.write(f.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static Map<String, byte[]> with(Map<String, byte[]> files, String name, String text) {
        Map<String, byte[]> m = new LinkedHashMap<>(files);
        m.put(name, text.getBytes(StandardCharsets.UTF_8));
        return m;
    }

    // --- a shapefile --------------------------------------------------------------------------------------------------

    /**
     * A park as a shapefile: one square 117.401–117.403 E, 39.101–39.103 N (clockwise, as shapefiles want it) and a
     * .dbf with 名称 = 程林公园 and 状态 = 已建成, field names and values in the charset; no .prj, no .cpg.
     */
    static Map<String, byte[]> park(Charset charset) {
        double[] ring = {117.401, 39.101, 117.401, 39.103, 117.403, 39.103, 117.403, 39.101, 117.401, 39.101};
        int points = ring.length / 2;
        int contentBytes = 44 + 4 + 16 * points;
        ByteBuffer record = ByteBuffer.allocate(8 + contentBytes);
        record.order(ByteOrder.BIG_ENDIAN).putInt(1).putInt(contentBytes / 2);
        record.order(ByteOrder.LITTLE_ENDIAN).putInt(5).putDouble(117.401).putDouble(39.101).putDouble(117.403)
                .putDouble(39.103).putInt(1).putInt(points).putInt(0);
        for (double v : ring) {
            record.putDouble(v);
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("park.shp", concat(shapeHeader(100 + record.capacity()), record.array()));
        ByteBuffer index = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putInt(50).putInt(contentBytes / 2);
        files.put("park.shx", concat(shapeHeader(108), index.array()));
        files.put("park.dbf", dbf(charset, new String[] {"名称", "状态"}, new String[] {"程林公园", "已建成"}));
        return files;
    }

    private static byte[] shapeHeader(int fileBytes) {
        ByteBuffer h = ByteBuffer.allocate(100);
        h.order(ByteOrder.BIG_ENDIAN).putInt(0, 9994).putInt(24, fileBytes / 2);
        h.order(ByteOrder.LITTLE_ENDIAN).putInt(28, 1000).putInt(32, 5).putDouble(36, 117.401).putDouble(44, 39.101)
                .putDouble(52, 117.403).putDouble(60, 39.103);
        return h.array();
    }

    /** A dBase III table of one record with character fields of 40 bytes, no language driver. */
    private static byte[] dbf(Charset charset, String[] names, String[] values) {
        int width = 40;
        int headerLength = 32 + 32 * names.length + 1;
        int recordLength = 1 + width * names.length;
        ByteBuffer b = ByteBuffer.allocate(headerLength + recordLength + 1).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 3).put(1, (byte) 124).put(2, (byte) 1).put(3, (byte) 1).putInt(4, 1)
                .putShort(8, (short) headerLength).putShort(10, (short) recordLength);
        for (int i = 0; i < names.length; i++) {
            byte[] name = names[i].getBytes(charset);
            b.put(32 + 32 * i, name, 0, Math.min(10, name.length));
            b.put(32 + 32 * i + 11, (byte) 'C').put(32 + 32 * i + 16, (byte) width);
        }
        b.put(headerLength - 1, (byte) 0x0D);
        b.put(headerLength, (byte) ' ');
        for (int i = 0; i < values.length; i++) {
            byte[] field = new byte[width];
            Arrays.fill(field, (byte) ' ');
            byte[] v = values[i].getBytes(charset);
            System.arraycopy(v, 0, field, 0, v.length);
            b.put(headerLength + 1 + width * i, field);
        }
        b.put(headerLength + recordLength, (byte) 0x1A);
        return b.array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
