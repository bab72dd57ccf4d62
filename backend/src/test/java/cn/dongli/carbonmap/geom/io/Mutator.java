package cn.dongli.carbonmap.geom.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The mutations of {@link ReaderFuzzTest}: damage done to valid GeoJSON documents and shapefiles the way broken
 * exporters, cut downloads, bad disks and hostile senders do it.
 *
 * <p>Byte-level mutations know nothing of the format (bit flips, inserted and deleted bytes, truncation, duplicated
 * chunks, splices from another seed, runs of one byte). Structure-aware ones know where the numbers, strings and
 * brackets of a JSON text are, and where the header fields, record counts, part and point counts and coordinates of
 * the .shp, .shx and .dbf are, and put the values there that readers trip over: 0, -1, {@code Integer.MAX_VALUE},
 * NaN, infinities, numbers too long to parse. All randomness comes from the one {@link Random}, so a seed replays the
 * same inputs.
 */
final class Mutator {

    /** No input grows beyond this: the fuzzer shares the test JVM with the rest of the suite. */
    static final int MAX_INPUT_BYTES = 4 * 1024 * 1024;

    private static final int[] INTERESTING_INTS = {
        0, -1, 1, 2, 3, 4, 5, 7, 8, 11, 12, 15, 16, 25, 28, 31, 32, 33, 43, 44, 100, 127, 128, 255, 256, 1000, 9994,
        0x7FFF, 0x8000, 0xFFFF, 0x10000, 1 << 24, 1 << 28, Integer.MAX_VALUE / 16, Integer.MAX_VALUE / 8,
        Integer.MAX_VALUE / 4, Integer.MAX_VALUE / 2, Integer.MAX_VALUE - 1, Integer.MAX_VALUE, Integer.MIN_VALUE,
        Integer.MIN_VALUE + 1, -2, -100, -0x8000
    };

    private static final double[] INTERESTING_DOUBLES = {
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MAX_VALUE,
        -Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL, 1e308, -1e308, 1e-308, 1e16, 9007199254740993.0,
        117.25, 117.55, 39.0, 39.23, 534_000.0, 4_340_000.0, 39_534_000.0, -180.0, 180.0, 90.0, -90.0, 1e200, -1e200
    };

    /** What a JSON number can be replaced with: special values, overflows, lengths around the reader's 64 limit. */
    private static final String[] JSON_NUMBERS = {
        "NaN", "-NaN", "Infinity", "-Infinity", "+Infinity", "1e999", "-1e999", "1e-999", "-0", "-0.0", "0", "1e308",
        "-1.7976931348623157e308", "4.9e-324", "2.2250738585072014E-308", "117.4", "39.1", "534000.5", "4340000.25",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "99999999999999999999", "1.", ".5",
        "01", "00", "1e", "1e+", "-", "+1", "0x10", "1_000", "1,5", "\"117.4\"", "null", "[]", "{}", "true", "1E400",
        "123456789012345678901234567890.123456789012345678901234567890"
    };

    private static final String[] JSON_TYPES = {
        "Polygon", "MultiPolygon", "Point", "MultiPoint", "LineString", "MultiLineString", "GeometryCollection",
        "Feature", "FeatureCollection", "Topology", "polygon", "", " Polygon", "\\u0050olygon", "null"
    };

    private static final String[] JSON_NAMES = {
        "type", "features", "geometry", "properties", "coordinates", "crs", "id", "bbox", "geometries", "name",
        "名称", "", "\\u0000", "__proto__"
    };

    private static final String[] JSON_VALUES = {
        "null", "{}", "[]", "[[]]", "[[[]]]", "true", "0", "\"\"", "\"东丽湖\"", "[117.4,39.1]", "[[117.4,39.1]]",
        "{\"type\":\"Polygon\"}", "{\"type\":\"Feature\"}", "{\"type\":\"Polygon\",\"coordinates\":null}",
        "{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::4548\"}}",
        "{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:99999999999\"}}",
        "{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:OGC:1.3:CRS84\"}}",
        "{\"type\":\"name\",\"properties\":{\"name\":\"GCJ02\"}}",
        "{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:4548 \"}}"
    };

    private static final String[] PRJ_TEXTS = {
        "", " ", "\uFEFF", "LOCAL_CS[\"Dongli site grid\"]", "GEOGCS[\"x\"]", "PROJCS[", "PROJCS[\"\"]",
        "PROJCS[\"CGCS2000_3_Degree_GK_CM_117E\"]", "PROJCS[\"CGCS2000_3_Degree_GK_CM_999E\"]",
        "PROJCS[\"CGCS2000_GK_Zone_99\"]", "PROJCS[\"CGCS2000_3_Degree_GK_Zone_39\",GEOGCS[\"x\"]]",
        "GEOGCRS[\"CGCS2000\",DATUM[\"China 2000\",ELLIPSOID[\"CGCS2000\",6378137,298.257222101]],"
                + "CS[ellipsoidal,2],AXIS[\"lat\",north],AXIS[\"lon\",east],ANGLEUNIT[\"degree\",0.0174532925199433],"
                + "ID[\"EPSG\",4490]]",
        "GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\",SPHEROID[\"CGCS2000\",0,0]],"
                + "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0]]",
        "GEOGCS[\"x\",DATUM[\"y\",SPHEROID[\"z\",NaN,Infinity]],PRIMEM[\"Greenwich\",0],UNIT[\"Degree\",1]]",
        "PROJCS[\"p\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],"
                + "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"No_Such_Projection\"],"
                + "UNIT[\"Meter\",1.0]]",
        "PROJCS[\"p\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],"
                + "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],"
                + "PARAMETER[\"Central_Meridian\",1e308],PARAMETER[\"Scale_Factor\",0],UNIT[\"Meter\",0]]",
        "COMPD_CS[\"c\",GEOGCS[\"x\"],VERT_CS[\"v\"]]", "GEOCCS[\"g\"]", "VERT_CS[\"v\"]", "ENGCRS[\"e\"]",
        "PROJCS[\"a\"]]]]]]]", "{\"type\":\"name\"}", "EPSG:4548", "\u0000\u0000\u0000"
    };

    private static final String[] CPG_TEXTS = {
        "UTF-8", "GBK", "936", "CP936", "65001", "ANSI 1252", "UTF-16", "UTF-16LE", "UTF-32", "x-UTF-32BE-BOM",
        "ISO-2022-CN", "x-ISO-2022-CN-GB", "JIS_X0212-1990", "x-JIS0208", "x-IBM930", "IBM-Thai", "x-COMPOUND_TEXT",
        "x-JISAutoDetect", "Big5-HKSCS", "x-EUC-TW", "GB18030", "", " ", "\uFEFFUTF-8", "UTF-8\u0000", "99999999999",
        "0", "-1", "1200", "12000", "ANSI", "../../etc/passwd", "windows-", "cp", "IBM", "\u4E1C\u4E3D", "UTF_8",
        "utf-8\r\n", "X-nonexistent-charset-name"
    };

    private final Random random;

    Mutator(Random random) {
        this.random = random;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    // ----------------------------------------------------------------------------------------------------------------
    // byte level

    /** One to four byte-level mutations of the bytes; donors are other files of the same kind to splice from. */
    byte[] bytes(byte[] input, List<byte[]> donors) {
        byte[] b = input;
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            b = byteMutation(b, donors);
        }
        return capped(b);
    }

    private byte[] byteMutation(byte[] b, List<byte[]> donors) {
        if (b.length == 0) {
            return randomBytes(1 + random.nextInt(64));
        }
        switch (random.nextInt(11)) {
            case 0 -> { // flip one to eight bits
                byte[] out = b.clone();
                int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return out;
            }
            case 1 -> { // set a byte to a boundary value
                byte[] out = b.clone();
                int[] values = {0, 0xFF, 0x7F, 0x80, 0x0D, 0x1A, '*', ' ', '"', '[', '{', '\\'};
                out[random.nextInt(out.length)] = (byte) values[random.nextInt(values.length)];
                return out;
            }
            case 2 -> { // insert random bytes
                int at = random.nextInt(b.length + 1);
                return splice(b, at, at, randomBytes(1 + random.nextInt(16)));
            }
            case 3 -> { // delete a range
                int from = random.nextInt(b.length);
                int to = Math.min(b.length, from + 1 + random.nextInt(Math.max(1, b.length / 8)));
                return splice(b, from, to, new byte[0]);
            }
            case 4 -> { // truncate: a cut download
                return Arrays.copyOf(b, random.nextInt(b.length));
            }
            case 5 -> { // duplicate a chunk
                int from = random.nextInt(b.length);
                int to = Math.min(b.length, from + 1 + random.nextInt(256));
                int at = random.nextInt(b.length + 1);
                return splice(b, at, at, Arrays.copyOfRange(b, from, to));
            }
            case 6 -> { // splice in a chunk of another seed
                byte[] donor = donors.isEmpty() ? b : pick(donors);
                if (donor.length == 0) {
                    return b;
                }
                int from = random.nextInt(donor.length);
                int to = Math.min(donor.length, from + 1 + random.nextInt(512));
                int at = random.nextInt(b.length + 1);
                int end = Math.min(b.length, at + (random.nextBoolean() ? 0 : to - from));
                return splice(b, at, end, Arrays.copyOfRange(donor, from, to));
            }
            case 7 -> { // a run of one repeated byte, short or long
                byte[] run = new byte[random.nextBoolean() ? 1 + random.nextInt(64) : 1 + random.nextInt(64 * 1024)];
                Arrays.fill(run, (byte) (random.nextBoolean() ? random.nextInt(256) : b[random.nextInt(b.length)]));
                int at = random.nextInt(b.length + 1);
                int end = random.nextBoolean() ? at : Math.min(b.length, at + run.length);
                return splice(b, at, end, run);
            }
            case 8 -> { // overwrite four bytes with an interesting int, in either byte order
                if (b.length < 4) {
                    return b;
                }
                byte[] out = b.clone();
                ByteBuffer.wrap(out).order(random.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                        .putInt(random.nextInt(out.length - 3), interestingInt(0));
                return out;
            }
            case 9 -> { // overwrite eight bytes with an interesting double
                if (b.length < 8) {
                    return b;
                }
                byte[] out = b.clone();
                ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putDouble(random.nextInt(out.length - 7),
                        interestingDouble(0));
                return out;
            }
            default -> { // swap two chunks' order: records out of sequence
                int a = random.nextInt(b.length);
                int len = Math.min(b.length - a, 1 + random.nextInt(128));
                int c = random.nextInt(b.length - len + 1);
                byte[] out = b.clone();
                System.arraycopy(b, a, out, c, len);
                System.arraycopy(b, c, out, a, Math.min(len, b.length - a));
                return out;
            }
        }
    }

    int interestingInt(int original) {
        return switch (random.nextInt(6)) {
            case 0 -> original + 1;
            case 1 -> original - 1;
            case 2 -> original * 2;
            case 3 -> random.nextInt();
            default -> INTERESTING_INTS[random.nextInt(INTERESTING_INTS.length)];
        };
    }

    double interestingDouble(double original) {
        return switch (random.nextInt(5)) {
            case 0 -> -original;
            case 1 -> original * (1 + random.nextGaussian() * 1e-9);
            case 2 -> Double.longBitsToDouble(random.nextLong());
            default -> INTERESTING_DOUBLES[random.nextInt(INTERESTING_DOUBLES.length)];
        };
    }

    byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        byte[] out = new byte[b.length - (to - from) + insert.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(b, to, out, from + insert.length, b.length - to);
        return out;
    }

    private static byte[] capped(byte[] b) {
        return b.length <= MAX_INPUT_BYTES ? b : Arrays.copyOf(b, MAX_INPUT_BYTES);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // GeoJSON

    /** The kinds of JSON token the structure-aware mutations aim at. */
    private enum Kind { NUMBER, STRING, LITERAL, OPEN, CLOSE }

    /** A token of a JSON text, [start, end); for a bracket, the index of its partner among the tokens or -1. */
    private record Token(Kind kind, int start, int end, int partner) {
    }

    /**
     * A mutated GeoJSON document: most often one to three structure-aware mutations, sometimes byte-level ones on top,
     * sometimes a change of encoding.
     */
    byte[] geoJson(byte[] input, List<byte[]> donors) {
        String text = new String(input, StandardCharsets.UTF_8);
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n && (i == 0 || text.length() < 64 * 1024); i++) {
            text = jsonMutation(text);
        }
        byte[] out = text.getBytes(StandardCharsets.UTF_8);
        int dice = random.nextInt(100);
        if (dice < 25) {
            out = bytes(out, donors);
        } else if (dice < 29) {
            Charset[] encodings = {StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16,
                Charset.forName("UTF-32"), Charset.forName("GBK"), StandardCharsets.ISO_8859_1};
            out = text.getBytes(encodings[random.nextInt(encodings.length)]);
        } else if (dice < 31) {
            out = splice(out, 0, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        return capped(out);
    }

    private String jsonMutation(String text) {
        List<Token> tokens = tokens(text);
        if (tokens.isEmpty()) {
            return text + pick(JSON_VALUES);
        }
        // weighted: small changes that keep the document readable come often, megabytes of brackets and text rarely
        int dice = random.nextInt(100);
        int kind = dice < 30 ? 0 : dice < 38 ? 3 : dice < 44 ? 4 : dice < 46 ? 5 : dice < 49 ? 6 : dice < 64 ? 7
                : dice < 70 ? 8 : dice < 82 ? 9 : dice < 92 ? 10 : 11;
        switch (kind) {
            case 0 -> { // a number replaced by NaN, an overflow, a long digit string …
                Token t = pickToken(tokens, Kind.NUMBER);
                return t == null ? text : replace(text, t, random.nextInt(4) == 0 ? digits() : pick(JSON_NUMBERS));
            }
            case 3 -> { // a bracket removed, doubled or turned round
                Token t = pickToken(tokens, random.nextBoolean() ? Kind.OPEN : Kind.CLOSE);
                if (t == null) {
                    return text;
                }
                String bracket = text.substring(t.start(), t.end());
                String[] choices = {"", bracket + bracket, "[", "]", "{", "}"};
                return replace(text, t, pick(choices));
            }
            case 4 -> { // a value nested deeply, balanced: around the reader's depth limit or far beyond
                Token open = pickToken(tokens, Kind.OPEN);
                if (open == null || open.partner() < 0) {
                    return text;
                }
                int[] depths = {1, 2, 3, 10, 30, 60, 62, 63, 64, 65, 100, 1000, 1, 2, 3, 20_000};
                int depth = depths[random.nextInt(depths.length)];
                Token close = tokens.get(open.partner());
                return text.substring(0, open.start()) + "[".repeat(depth) + text.substring(open.start(), close.end())
                        + "]".repeat(depth) + text.substring(close.end());
            }
            case 5 -> { // an unbalanced run of opening brackets
                int at = pickToken(tokens, null).start();
                String bracket = random.nextBoolean() ? "[" : "{\"a\":";
                return text.substring(0, at) + bracket.repeat(1 + random.nextInt(50_000)) + text.substring(at);
            }
            case 6 -> { // a string made huge: under and over the reader's 1,000,000 character limit
                Token t = pickToken(tokens, Kind.STRING);
                if (t == null) {
                    return text;
                }
                int[] lengths = {10_000, 999_999, 1_000_001, 300_000};
                int length = lengths[random.nextInt(lengths.length)];
                String unit = random.nextBoolean() ? "x" : "东丽湖";
                return replace(text, t, "\"" + unit.repeat(length / unit.length()) + "\"");
            }
            case 7 -> { // a type swapped, or a member name changed
                Token t = pickToken(tokens, Kind.STRING);
                if (t == null) {
                    return text;
                }
                return replace(text, t, "\"" + (random.nextBoolean() ? pick(JSON_TYPES) : pick(JSON_NAMES)) + "\"");
            }
            case 8 -> { // a string broken: bad escapes, lone surrogates, control characters, no closing quote
                Token t = pickToken(tokens, Kind.STRING);
                if (t == null) {
                    return text;
                }
                String[] bad = {"\"\\u12\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\u0001\"", "\"\\x41\"", "\"a",
                    "\"\\\"", "\"\n\"", "\"\\uFFFF\"", "\"\uD83C\uDF33\""};
                return replace(text, t, pick(bad));
            }
            case 9 -> { // a value or bracketed structure replaced by another value
                Token t = pickToken(tokens, null);
                int end = t.kind() == Kind.OPEN && t.partner() >= 0 ? tokens.get(t.partner()).end() : t.end();
                return text.substring(0, t.start()) + pick(JSON_VALUES) + text.substring(end);
            }
            case 10 -> { // a bracketed structure duplicated or dropped (a repeated ring, a lost position)
                Token open = pickToken(tokens, Kind.OPEN);
                if (open == null || open.partner() < 0) {
                    return text;
                }
                int end = tokens.get(open.partner()).end();
                String part = text.substring(open.start(), end);
                if (random.nextBoolean()) {
                    int copies = random.nextInt(8) == 0 ? 1 + random.nextInt(2000) : 1;
                    copies = Math.min(copies, 1 + MAX_INPUT_BYTES / 4 / (part.length() + 1));
                    return text.substring(0, end) + ("," + part).repeat(copies) + text.substring(end);
                }
                return text.substring(0, open.start()) + text.substring(end);
            }
            default -> { // two values of one kind exchanged
                Token a = pickToken(tokens, random.nextBoolean() ? Kind.STRING : Kind.NUMBER);
                Token b = a == null ? null : pickToken(tokens, a.kind());
                if (a == null || a.start() == b.start()) {
                    return text;
                }
                Token first = a.start() < b.start() ? a : b;
                Token second = a.start() < b.start() ? b : a;
                return text.substring(0, first.start()) + text.substring(second.start(), second.end())
                        + text.substring(first.end(), second.start()) + text.substring(first.start(), first.end())
                        + text.substring(second.end());
            }
        }
    }

    /** A digit string of a length around the reader's 64-character number limit, or far beyond it. */
    private String digits() {
        int[] lengths = {19, 20, 63, 64, 65, 400, 5000};
        int length = lengths[random.nextInt(lengths.length)];
        StringBuilder s = new StringBuilder(length + 2);
        s.append(random.nextBoolean() ? "" : "-").append(1 + random.nextInt(9));
        for (int i = 1; i < length; i++) {
            s.append(random.nextInt(10));
            if (i == length / 2 && random.nextBoolean()) {
                s.append('.');
            }
        }
        return s.toString();
    }

    private static String replace(String text, Token t, String with) {
        return text.substring(0, t.start()) + with + text.substring(t.end());
    }

    /** A random token of the kind (any kind if null), or null if there is none. */
    private Token pickToken(List<Token> tokens, Kind kind) {
        if (kind == null) {
            return tokens.get(random.nextInt(tokens.size()));
        }
        List<Token> of = tokens.stream().filter(t -> t.kind() == kind).toList();
        return of.isEmpty() ? null : pick(of);
    }

    /** A forgiving tokenizer: it finds strings, numbers, literals and brackets even in broken JSON. */
    private static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        Deque<Integer> open = new ArrayDeque<>();
        List<int[]> pairs = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) != '"') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                int end = Math.min(text.length(), j + 1);
                tokens.add(new Token(Kind.STRING, i, end, -1));
                i = end;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                int j = i + 1;
                while (j < text.length() && "0123456789.eE+-".indexOf(text.charAt(j)) >= 0) {
                    j++;
                }
                tokens.add(new Token(Kind.NUMBER, i, j, -1));
                i = j;
            } else if (Character.isLetter(c)) {
                int j = i + 1;
                while (j < text.length() && Character.isLetter(text.charAt(j))) {
                    j++;
                }
                tokens.add(new Token(Kind.LITERAL, i, j, -1));
                i = j;
            } else if (c == '[' || c == '{') {
                open.push(tokens.size());
                tokens.add(new Token(Kind.OPEN, i, i + 1, -1));
                i++;
            } else if (c == ']' || c == '}') {
                if (!open.isEmpty()) {
                    pairs.add(new int[] {open.pop(), tokens.size()});
                }
                tokens.add(new Token(Kind.CLOSE, i, i + 1, -1));
                i++;
            } else {
                i++;
            }
        }
        for (int[] p : pairs) {
            Token o = tokens.get(p[0]);
            Token c = tokens.get(p[1]);
            tokens.set(p[0], new Token(o.kind(), o.start(), o.end(), p[1]));
            tokens.set(p[1], new Token(c.kind(), c.start(), c.end(), p[0]));
        }
        return tokens;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Shapefile

    /**
     * A mutated shapefile: the files by path relative to the folder, e.g. {@code 东丽区小班.shp}. One to three
     * mutations, each aimed at one file (its header, a record, a field descriptor, …) or at the set of files.
     *
     * @param donors other shapefiles, for splices between files of the same kind
     */
    Map<String, byte[]> shapefile(Map<String, byte[]> input, List<Map<String, byte[]>> donors) {
        Map<String, byte[]> files = new LinkedHashMap<>(input);
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            shapefileMutation(files, donors);
        }
        files.replaceAll((name, b) -> capped(b));
        return files;
    }

    private void shapefileMutation(Map<String, byte[]> files, List<Map<String, byte[]>> donors) {
        String shp = withExtension(files, "shp");
        String shx = withExtension(files, "shx");
        String dbf = withExtension(files, "dbf");
        int dice = random.nextInt(100);
        if (dice < 22 && shp != null) {
            files.put(shp, random.nextInt(3) == 0 ? shpHeader(files.get(shp)) : shpRecord(files.get(shp)));
        } else if (dice < 30 && shx != null) {
            files.put(shx, shx(files.get(shx)));
        } else if (dice < 50 && dbf != null) {
            files.put(dbf, dbf(files.get(dbf)));
        } else if (dice < 55) {
            files.put(companion(files, "prj"), prj(files.get(companion(files, "prj"))));
        } else if (dice < 60) {
            files.put(companion(files, "cpg"), cpg());
        } else if (dice < 65) {
            fileSet(files);
        } else {
            // byte-level damage to one file, splicing from the same file of other seeds
            String name = pick(new ArrayList<>(files.keySet()));
            String ext = extension(name);
            List<byte[]> same = new ArrayList<>();
            for (Map<String, byte[]> d : donors) {
                String other = withExtension(d, ext);
                if (other != null) {
                    same.add(d.get(other));
                }
            }
            files.put(name, bytes(files.get(name), same));
        }
    }

    /** The .shp header: file code, file length, version, shape type, bounding box. */
    private byte[] shpHeader(byte[] shp) {
        if (shp.length < 100) {
            return bytes(shp, List.of());
        }
        byte[] out = shp.clone();
        ByteBuffer be = ByteBuffer.wrap(out).order(ByteOrder.BIG_ENDIAN);
        ByteBuffer le = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        switch (random.nextInt(5)) {
            case 0 -> be.putInt(24, interestingInt(be.getInt(24)));
            case 1 -> le.putInt(32, random.nextBoolean() ? pickShapeType() : interestingInt(le.getInt(32)));
            case 2 -> le.putInt(28, interestingInt(le.getInt(28)));
            case 3 -> be.putInt(0, interestingInt(be.getInt(0)));
            default -> {
                int at = 36 + 8 * random.nextInt(8);
                le.putDouble(at, interestingDouble(le.getDouble(at)));
            }
        }
        return out;
    }

    private int pickShapeType() {
        int[] types = {0, 1, 3, 5, 8, 11, 13, 15, 18, 21, 23, 25, 28, 31, 2, 99};
        return types[random.nextInt(types.length)];
    }

    /** Where the records of a .shp start, as far as their declared lengths can be followed. */
    static List<Integer> shpRecords(byte[] shp) {
        List<Integer> records = new ArrayList<>();
        ByteBuffer be = ByteBuffer.wrap(shp).order(ByteOrder.BIG_ENDIAN);
        long position = 100;
        while (position + 12 <= shp.length) {
            records.add((int) position);
            long length = 2L * be.getInt((int) position + 4);
            if (length < 4) {
                break;
            }
            position += 8 + length;
        }
        return records;
    }

    /** A record of the .shp: its header, shape type, box, part and point counts, a part index or a coordinate. */
    private byte[] shpRecord(byte[] shp) {
        List<Integer> records = shpRecords(shp);
        if (records.isEmpty()) {
            return bytes(shp, List.of());
        }
        int at = pick(records);
        byte[] out = shp.clone();
        ByteBuffer be = ByteBuffer.wrap(out).order(ByteOrder.BIG_ENDIAN);
        ByteBuffer le = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        int content = at + 8;
        int length = 2 * be.getInt(at + 4);
        int available = out.length - content;
        switch (random.nextInt(8)) {
            case 0 -> be.putInt(at + 4, interestingInt(be.getInt(at + 4)));
            case 1 -> be.putInt(at, interestingInt(be.getInt(at)));
            case 2 -> le.putInt(content, random.nextBoolean() ? pickShapeType() : interestingInt(le.getInt(content)));
            case 3 -> { // numParts
                if (available >= 44) {
                    le.putInt(content + 36, interestingInt(le.getInt(content + 36)));
                }
            }
            case 4 -> { // numPoints
                if (available >= 44) {
                    le.putInt(content + 40, interestingInt(le.getInt(content + 40)));
                }
            }
            case 5 -> { // a part's first point index
                if (available >= 48) {
                    int parts = Math.max(1, Math.min(le.getInt(content + 36), (available - 44) / 4));
                    int part = content + 44 + 4 * random.nextInt(parts);
                    le.putInt(part, interestingInt(le.getInt(part)));
                }
            }
            case 6 -> { // a bounding box value
                if (available >= 36) {
                    int box = content + 4 + 8 * random.nextInt(4);
                    le.putDouble(box, interestingDouble(le.getDouble(box)));
                }
            }
            default -> { // a coordinate (or a Z or M value further on)
                int end = Math.min(out.length, content + Math.max(0, length));
                if (available >= 44 && end - 8 > content + 44) {
                    int parts = Math.max(0, Math.min(le.getInt(content + 36), (available - 44) / 4));
                    int first = content + 44 + 4 * parts;
                    if (first + 8 <= end) {
                        int point = first + 8 * random.nextInt((end - first) / 8);
                        le.putDouble(point, interestingDouble(le.getDouble(point)));
                    }
                }
            }
        }
        return out;
    }

    /** The .shx: its declared length, an entry's offset or length, a lost or repeated entry. */
    private byte[] shx(byte[] shx) {
        if (shx.length < 100) {
            return bytes(shx, List.of());
        }
        byte[] out = shx.clone();
        ByteBuffer be = ByteBuffer.wrap(out).order(ByteOrder.BIG_ENDIAN);
        int entries = (out.length - 100) / 8;
        switch (random.nextInt(5)) {
            case 0 -> be.putInt(24, interestingInt(be.getInt(24)));
            case 1, 2 -> {
                if (entries > 0) {
                    int at = 100 + 8 * random.nextInt(entries) + (random.nextBoolean() ? 0 : 4);
                    be.putInt(at, interestingInt(be.getInt(at)));
                }
            }
            case 3 -> {
                return Arrays.copyOf(out, Math.max(100, out.length - 8));
            }
            default -> {
                if (entries > 0) {
                    int at = 100 + 8 * random.nextInt(entries);
                    return splice(out, at, at, Arrays.copyOfRange(out, at, at + 8));
                }
            }
        }
        return out;
    }

    /** The .dbf: record count, header and record length, language driver, a field descriptor, a record's bytes. */
    private byte[] dbf(byte[] dbf) {
        if (dbf.length < 32) {
            return bytes(dbf, List.of());
        }
        byte[] out = dbf.clone();
        ByteBuffer le = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = Short.toUnsignedInt(le.getShort(8));
        int recordLength = Short.toUnsignedInt(le.getShort(10));
        int fields = Math.max(0, Math.min((headerLength - 33) / 32, (out.length - 32) / 32));
        switch (random.nextInt(10)) {
            case 9 -> { // a field's type or length changed and the record length with it, so the header still adds up
                if (fields > 0) {
                    int d = 32 + 32 * random.nextInt(fields);
                    if (random.nextBoolean()) {
                        out[d + 11] = (byte) "CNFLDIO+M".charAt(random.nextInt(9));
                    }
                    int old = Byte.toUnsignedInt(out[d + 16]);
                    int length = new int[] {0, 1, 2, 4, 8, 9, 255}[random.nextInt(7)];
                    out[d + 16] = (byte) length;
                    le.putShort(10, (short) (recordLength + length - old));
                }
            }
            case 0 -> le.putInt(4, interestingInt(le.getInt(4)));
            case 1 -> le.putShort(8, (short) interestingInt(headerLength));
            case 2 -> le.putShort(10, (short) interestingInt(recordLength));
            case 3 -> out[29] = (byte) (random.nextBoolean() ? new int[] {0, 0x4D, 0x57, 0x7A, 0x03, 0x01, 0xC9,
                0x4E, 0x7B}[random.nextInt(9)] : random.nextInt(256));
            case 4 -> { // a field's type, length or decimals
                if (fields > 0) {
                    int d = 32 + 32 * random.nextInt(fields);
                    switch (random.nextInt(3)) {
                        case 0 -> out[d + 11] = (byte) "CNFLDIO+MBGTY@0 \u0000".charAt(random.nextInt(17));
                        case 1 -> out[d + 16] = (byte) new int[] {0, 1, 2, 3, 4, 7, 8, 9, 10, 254, 255}[random.nextInt(11)];
                        default -> out[d + 17] = (byte) new int[] {0, 1, 15, 16, 254, 255}[random.nextInt(6)];
                    }
                }
            }
            case 5 -> { // a field's name: empty, a repeated one, GBK or cut UTF-8 bytes
                if (fields > 0) {
                    int d = 32 + 32 * random.nextInt(fields);
                    byte[][] names = {{}, {'F'}, "名称".getBytes(Charset.forName("GBK")),
                        Arrays.copyOf("调查日期".getBytes(StandardCharsets.UTF_8), 10), {(byte) 0xFF, (byte) 0xFE},
                        "FID".getBytes(StandardCharsets.US_ASCII)};
                    byte[] name = names[random.nextInt(names.length)];
                    Arrays.fill(out, d, d + 11, (byte) 0);
                    System.arraycopy(name, 0, out, d, Math.min(11, name.length));
                }
            }
            case 6 -> { // the header terminator lost
                if (headerLength >= 1 && headerLength <= out.length && out[headerLength - 1] == 0x0D) {
                    out[headerLength - 1] = (byte) (random.nextBoolean() ? ' ' : 0);
                }
            }
            default -> { // a record's bytes: deleted flag, a non-UTF-8 or numeric-looking value
                int records = le.getInt(4);
                if (recordLength < 1 || records < 1 || headerLength + (long) recordLength > out.length) {
                    return bytes(out, List.of());
                }
                int count = (int) Math.min(records, (out.length - headerLength) / recordLength);
                if (count < 1) {
                    return out;
                }
                int at = headerLength + recordLength * random.nextInt(count);
                String[] values = {"*", "1e999", "-1e999", "NaN", "Infinity", "-", "+", "**********", "+.",
                    "1.2.3", "9999999999999999999999", "00000000", "20240231", "?", "\u00B6\u00AB"};
                byte[] value = random.nextBoolean()
                        ? new byte[] {(byte) 0xB6, (byte) 0xAB, (byte) 0xC0}
                        : values[random.nextInt(values.length)].getBytes(StandardCharsets.ISO_8859_1);
                int offset = random.nextBoolean() ? 0 : random.nextInt(recordLength);
                System.arraycopy(value, 0, out, at + offset, Math.min(value.length, recordLength - offset));
            }
        }
        return out;
    }

    /** A .prj: a text from a list of broken and odd WKT, the original with a number or bracket changed, or bytes. */
    private byte[] prj(byte[] original) {
        String text = original == null ? "" : new String(original, StandardCharsets.UTF_8);
        switch (random.nextInt(6)) {
            case 0, 1 -> {
                return pick(PRJ_TEXTS).getBytes(StandardCharsets.UTF_8);
            }
            case 2 -> {
                return text.isEmpty() ? randomBytes(32) : jsonMutation(text).getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> { // deeply nested or beyond the 64 KB a .prj may have
                return (random.nextBoolean() ? "PROJCS[\"a\",".repeat(5000) : "A".repeat(70_000))
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 4 -> {
                return Arrays.copyOf(text.getBytes(StandardCharsets.UTF_8), random.nextInt(text.length() + 1));
            }
            default -> {
                return bytes(text.getBytes(StandardCharsets.UTF_8), List.of());
            }
        }
    }

    /** A .cpg naming an odd, unknown or unusual encoding. */
    private byte[] cpg() {
        return random.nextInt(10) == 0 ? randomBytes(random.nextInt(20))
                : pick(CPG_TEXTS).getBytes(StandardCharsets.UTF_8);
    }

    /** The set: a file lost, an extension in upper case, a second .shp, macOS resource forks. */
    private void fileSet(Map<String, byte[]> files) {
        String name = pick(new ArrayList<>(files.keySet()));
        switch (random.nextInt(5)) {
            case 0 -> files.remove(name);
            case 1 -> {
                byte[] b = files.remove(name);
                int dot = name.lastIndexOf('.');
                files.put(dot < 0 ? name : name.substring(0, dot) + name.substring(dot).toUpperCase(), b);
            }
            case 2 -> files.put("2024/" + name, files.get(name));
            case 3 -> files.put("__MACOSX/._" + name, randomBytes(64));
            default -> {
                String shp = withExtension(files, "shp");
                if (shp != null) {
                    files.put(shp.substring(0, shp.length() - 4) + ".SHX", files.get(shp));
                }
            }
        }
    }

    /** The path of the file with the extension (any case), or null. */
    static String withExtension(Map<String, byte[]> files, String ext) {
        for (String name : files.keySet()) {
            if (!name.contains("/") && extension(name).equals(ext)) {
                return name;
            }
        }
        return null;
    }

    private static String companion(Map<String, byte[]> files, String ext) {
        String existing = withExtension(files, ext);
        if (existing != null) {
            return existing;
        }
        String shp = withExtension(files, "shp");
        String base = shp == null ? "shapefile" : shp.substring(0, shp.lastIndexOf('.'));
        return base + "." + ext;
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }

    /** Bytes of text, for building seeds. */
    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Concatenation, for building seeds. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
