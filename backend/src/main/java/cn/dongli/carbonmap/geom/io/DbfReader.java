package cn.dongli.carbonmap.geom.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the attribute table (.dbf, dBase III/IV) of a shapefile.
 *
 * <p>Field types C, N, F, L, D, I, + and O are read (as String, Long or Double, Boolean, LocalDate, Long, Long and
 * Double); memo, binary, general, currency and date-time fields are left out. Blank values, numbers overflowed into
 * asterisks and {@code ?} logicals are null; strings are trimmed and blank strings are null (a DBF cannot tell them
 * apart), as GDAL does.
 *
 * <p>The text encoding is, in this order: the one the .cpg names (refused if it says UTF-8 and the text is not); the
 * one the header's language driver id names (e.g. 0x4D → GBK); otherwise UTF-8 if every name and text value is valid
 * UTF-8, else GB18030 (a superset of GBK, the encoding ArcGIS writes on Chinese Windows). Language driver 0x57 means "the writer's ANSI code page", which GDAL reads
 * as ISO-8859-1; in this district it is almost always GBK, so it is treated as unknown and left to the test above.
 */
final class DbfReader {

    /** A field of the table; {@code offset} counts from the start of the record, after the deletion flag. */
    record Field(String name, char type, int offset, int length, int decimals) {
    }

    /** One record: whether it is marked deleted, and its values by field name in field order. */
    record Row(boolean deleted, Map<String, Object> values) {
    }

    /** The table: its encoding, fields and records. */
    record Table(Charset charset, List<Field> fields, List<Row> rows) {
    }

    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Set<Character> READ_TYPES = Set.of('C', 'N', 'F', 'L', 'D', 'I', '+', 'O');

    private DbfReader() {
    }

    /**
     * Reads the whole table.
     *
     * @param cpgCharset the encoding the .cpg names, or null
     * @throws UnreadableInputException if the file is not a DBF or is truncated
     */
    static Table read(Path dbf, Charset cpgCharset) throws UnreadableInputException {
        return read(dbf, cpgCharset, ReadBudget.start(ReadBudget.Limits.DEFAULT));
    }

    /**
     * Reads the whole table within a budget: its records and values are charged before they are read.
     *
     * @throws InputLimitException if the table has more records or values than the budget allows
     * @throws UnreadableInputException as {@link #read(Path, Charset)}
     */
    static Table read(Path dbf, Charset cpgCharset, ReadBudget budget) throws UnreadableInputException {
        String file = dbf.getFileName().toString();
        try {
            long size = Files.size(dbf);
            Header header = header(dbf, size, file);
            Charset charset = cpgCharset != null ? cpgCharset : ofLanguageDriver(header.languageDriver);
            if (charset == null) {
                charset = firstNonUtf8(dbf, header) == null ? StandardCharsets.UTF_8 : Charset.forName("GB18030");
            } else if (charset.equals(StandardCharsets.UTF_8)) {
                String wrong = firstNonUtf8(dbf, header);
                if (wrong != null) {
                    // decoding it anyway would store garbled names without a word
                    throw new UnreadableInputException("the .cpg declares UTF-8 but " + wrong + " of " + file
                            + " is not UTF-8 (it may be GBK): correct the .cpg (e.g. to GBK) or remove it");
                }
            }
            List<Field> fields = fields(header, charset);
            if (header.records > budget.limits().maxFeatures()) {
                throw new InputLimitException(InputLimitException.Limit.MAX_FEATURES, budget.limits().maxFeatures(),
                        -1, "the " + file + " has " + header.records + " records; the limit is "
                        + budget.limits().maxFeatures() + " features (limit max-features)");
            }
            List<Row> rows = new ArrayList<>(header.records);
            try (InputStream in = records(dbf, header)) {
                byte[] record = new byte[header.recordLength];
                for (int i = 0; i < header.records; i++) {
                    budget.values(i, fields.size());
                    if ((i & 0x3FF) == 0) {
                        budget.check(i);
                    }
                    in.readNBytes(record, 0, record.length);
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (Field f : fields) {
                        if (READ_TYPES.contains(f.type())) {
                            values.put(f.name(), value(record, f, charset));
                        }
                    }
                    rows.add(new Row(record[0] == '*', values));
                }
            }
            return new Table(charset, fields, rows);
        } catch (IOException e) {
            throw new UnreadableInputException("the " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The header fields this reader uses and the raw field descriptors. */
    private record Header(int records, int headerLength, int recordLength, int languageDriver, List<byte[]> descriptors) {
    }

    private static Header header(Path dbf, long size, String file) throws IOException, UnreadableInputException {
        byte[] head;
        try (InputStream in = Files.newInputStream(dbf)) {
            head = in.readNBytes(32);
            if (head.length < 32) {
                throw new UnreadableInputException("the " + file + " is not a dBase file (it is too short)");
            }
            ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            int records = b.getInt(4);
            int headerLength = Short.toUnsignedInt(b.getShort(8));
            int recordLength = Short.toUnsignedInt(b.getShort(10));
            if (records < 0 || headerLength < 33 || recordLength < 1 || headerLength > size) {
                throw new UnreadableInputException("the " + file + " is not a dBase file (its header is invalid)");
            }
            if (headerLength + (long) records * recordLength > size) {
                throw new UnreadableInputException("the " + file + " is truncated: its header announces " + records
                        + " records of " + recordLength + " bytes");
            }
            byte[] rest = in.readNBytes(headerLength - 32);
            List<byte[]> descriptors = new ArrayList<>();
            for (int p = 0; p + 32 <= rest.length && rest[p] != 0x0D; p += 32) {
                byte[] d = new byte[32];
                System.arraycopy(rest, p, d, 0, 32);
                descriptors.add(d);
            }
            return new Header(records, headerLength, recordLength, Byte.toUnsignedInt(head[29]), descriptors);
        }
    }

    private static List<Field> fields(Header header, Charset charset) throws UnreadableInputException {
        List<Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int offset = 1;
        for (byte[] d : header.descriptors) {
            String name = text(d, 0, nameLength(d), charset);
            if (name.isEmpty()) {
                name = "field_" + (fields.size() + 1);
            }
            // a DBF may repeat a name; keep both values rather than lose one
            String unique = name;
            for (int k = 2; !names.add(unique.toLowerCase(Locale.ROOT)); k++) {
                unique = name + "_" + k;
            }
            int length = Byte.toUnsignedInt(d[16]);
            int decimals = Byte.toUnsignedInt(d[17]);
            fields.add(new Field(unique, (char) Byte.toUnsignedInt(d[11]), offset, length, decimals));
            offset += length;
        }
        if (offset > header.recordLength) {
            throw new UnreadableInputException("the .dbf's fields are longer (" + offset + " bytes) than its records ("
                    + header.recordLength + ")");
        }
        return fields;
    }

    private static int nameLength(byte[] descriptor) {
        int n = 0;
        while (n < 11 && descriptor[n] != 0) {
            n++;
        }
        return n;
    }

    private static InputStream records(Path dbf, Header header) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(dbf), 64 * 1024);
        in.skipNBytes(header.headerLength);
        return in;
    }

    /** Where the first field name or text value that is not valid UTF-8 is, or null if there is none. */
    private static String firstNonUtf8(Path dbf, Header header) throws IOException, UnreadableInputException {
        for (int i = 0; i < header.descriptors.size(); i++) {
            byte[] d = header.descriptors.get(i);
            if (!SafeZip.isUtf8(Arrays.copyOf(d, completeUtf8(d, 0, nameLength(d))))) {
                return "the name of field " + (i + 1);
            }
        }
        List<Field> fields = fields(header, StandardCharsets.ISO_8859_1);
        try (InputStream in = records(dbf, header)) {
            byte[] record = new byte[header.recordLength];
            for (int i = 0; i < header.records; i++) {
                in.readNBytes(record, 0, record.length);
                for (Field f : fields) {
                    if (f.type() == 'C' && !SafeZip.isUtf8(Arrays.copyOfRange(record, f.offset(),
                            completeUtf8(record, f.offset(), f.offset() + f.length())))) {
                        return "field " + f.name() + " of record " + (i + 1);
                    }
                }
            }
        }
        return null;
    }

    private static Object value(byte[] record, Field f, Charset charset) {
        int start = f.offset();
        int end = start + f.length();
        switch (f.type()) {
            case 'C' -> {
                while (end > start && (record[end - 1] == ' ' || record[end - 1] == 0)) {
                    end--;
                }
                String s = text(record, start, end, charset);
                return s.isEmpty() ? null : s;
            }
            case 'N', 'F' -> {
                String s = ascii(record, start, end).replace(',', '.');
                // blank, overflowed into asterisks, or otherwise not a decimal number (Java would take "NaN", "1d")
                if (!NUMBER.matcher(s).matches()) {
                    return null;
                }
                boolean integral = f.decimals() == 0 && s.indexOf('.') < 0 && s.indexOf('e') < 0 && s.indexOf('E') < 0;
                try {
                    return integral ? (Object) Long.valueOf(s.startsWith("+") ? s.substring(1) : s) : Double.valueOf(s);
                } catch (NumberFormatException e) {
                    try {
                        return Double.valueOf(s); // an integer beyond Long's range
                    } catch (NumberFormatException notANumber) {
                        return null;
                    }
                }
            }
            case 'L' -> {
                if (f.length() < 1) {
                    return null; // a field of no width holds no value, and the record may end where it starts
                }
                return switch (record[start]) {
                    case 'T', 't', 'Y', 'y' -> Boolean.TRUE;
                    case 'F', 'f', 'N', 'n' -> Boolean.FALSE;
                    default -> null;
                };
            }
            case 'D' -> {
                String s = ascii(record, start, end);
                if (s.length() != 8 || !s.chars().allMatch(Character::isDigit)) {
                    return null;
                }
                try {
                    return LocalDate.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(4, 6)),
                            Integer.parseInt(s.substring(6, 8)));
                } catch (DateTimeException e) {
                    return null; // 00000000 and other impossible dates
                }
            }
            case 'I', '+' -> {
                return f.length() == 4 ? (Object) (long) ByteBuffer.wrap(record, start, 4)
                        .order(ByteOrder.LITTLE_ENDIAN).getInt() : null;
            }
            case 'O' -> {
                return f.length() == 8 ? (Object) ByteBuffer.wrap(record, start, 8)
                        .order(ByteOrder.LITTLE_ENDIAN).getDouble() : null;
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * Decodes text, dropping a character cut in half at the end: writers that truncate names or values to the field's
     * bytes (GDAL turns {@code 调查日期} into 10 bytes) leave the first bytes of the last character behind.
     */
    private static String text(byte[] bytes, int start, int end, Charset charset) {
        if (charset.equals(StandardCharsets.UTF_8)) {
            return new String(bytes, start, completeUtf8(bytes, start, end) - start, charset).strip();
        }
        String s = new String(bytes, start, end - start, charset).strip();
        return s.endsWith("\uFFFD") ? s.substring(0, s.length() - 1).strip() : s;
    }

    /** The end of the bytes without a trailing incomplete UTF-8 sequence. */
    static int completeUtf8(byte[] bytes, int start, int end) {
        int lead = end - 1;
        while (lead >= start && end - lead < 4 && (bytes[lead] & 0xC0) == 0x80) {
            lead--;
        }
        if (lead < start) {
            return end;
        }
        int b = bytes[lead] & 0xFF;
        int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        return end - lead < needed ? lead : end;
    }

    private static String ascii(byte[] record, int start, int end) {
        return new String(record, start, end - start, StandardCharsets.ISO_8859_1).strip();
    }

    /**
     * The encoding a .cpg file names ({@code UTF-8}, {@code GBK}, {@code 936}, {@code CP936}, {@code 65001},
     * {@code ANSI 1252}, …), or null if it names none Java knows. The GB family is read as GB18030, its superset.
     */
    static Charset ofCpg(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replace("ANSI", "").replace("_", "").replace(" ", "");
        if (t.startsWith("\uFEFF")) {
            t = t.substring(1);
        }
        switch (t) {
            case "UTF8", "UTF-8", "65001", "CP65001" -> {
                return StandardCharsets.UTF_8;
            }
            case "GBK", "GB2312", "GB18030", "936", "CP936", "MS936", "WINDOWS-936", "EUC-CN", "54936" -> {
                return Charset.forName("GB18030");
            }
            case "" -> {
                return null;
            }
            default -> {
                if (t.chars().allMatch(Character::isDigit)) {
                    return charset("windows-" + t, "cp" + t, "IBM" + t);
                }
                return charset(t);
            }
        }
    }

    /** The encoding a DBF language driver id stands for, or null when it says nothing useful (0, 0x57, unknown). */
    static Charset ofLanguageDriver(int ldid) {
        return switch (ldid) {
            case 0x01 -> charset("IBM437");
            case 0x02 -> charset("IBM850");
            case 0x03, 0x58, 0x59 -> charset("windows-1252");
            case 0x4D, 0x7A -> Charset.forName("GB18030");
            case 0x4E, 0x79 -> charset("x-windows-949");
            case 0x4F, 0x78 -> charset("x-windows-950");
            case 0x50, 0x7C -> charset("x-windows-874");
            case 0x7B -> charset("windows-31j");
            case 0xC8 -> charset("windows-1250");
            case 0xC9 -> charset("windows-1251");
            case 0xCA -> charset("windows-1254");
            case 0xCB -> charset("windows-1253");
            default -> null;
        };
    }

    private static Charset charset(String... names) {
        for (String name : names) {
            try {
                if (Charset.isSupported(name)) {
                    return Charset.forName(name);
                }
            } catch (IllegalArgumentException e) {
                // an illegal name is no charset
            }
        }
        return null;
    }
}
