package cn.dongli.carbonmap.geom.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes a dBase III attribute table in UTF-8 in two steps: {@link #add} spools each feature's values to a temporary
 * file and measures them, {@link #writeTo} writes the table with fields just wide enough. That is how a DBF can be
 * written in one pass over the features although its header, which comes first, fixes every field's width.
 *
 * <p>Types: STRING → C (at most 254 bytes, cut on a character boundary), INTEGER → N, DECIMAL → N with decimals (at
 * least one, so that readers take it as a real number; at most 15), BOOLEAN → L, DATE → D. Without columns a
 * {@code FID} field numbers the records, as GDAL does, since some programs refuse a table without fields.
 */
final class DbfWriter implements Closeable {

    /** The widest C and N field of dBase III. */
    static final int MAX_WIDTH = 254;
    private static final int MAX_DECIMALS = 15;

    private final List<ColumnSpec> columns;
    private final boolean generatedFid;
    private final List<String> names;
    private final Path spool;
    private final DataOutputStream out;
    private final int[] width;
    private final int[] decimals;
    private int records;

    /**
     * @param columns the columns, at most 255
     * @param spool a temporary file this writer may overwrite; the caller deletes it
     */
    DbfWriter(List<ColumnSpec> columns, Path spool) throws IOException {
        ColumnSpec.checkDistinct(columns);
        this.generatedFid = columns.isEmpty();
        this.columns = columns.isEmpty() ? List.of(new ColumnSpec("FID", ColumnSpec.Type.INTEGER)) : columns;
        if (this.columns.size() > 255) {
            throw new IllegalArgumentException("a DBF holds at most 255 fields, not " + columns.size());
        }
        this.names = fieldNames(this.columns);
        this.spool = spool;
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spool), 64 * 1024));
        this.width = new int[this.columns.size()];
        this.decimals = new int[this.columns.size()];
        for (int i = 0; i < width.length; i++) {
            ColumnSpec.Type type = this.columns.get(i).type();
            width[i] = type == ColumnSpec.Type.DATE ? 8 : 1;
            decimals[i] = type == ColumnSpec.Type.DECIMAL ? 1 : 0;
        }
    }

    /** The DBF field name of each column, in column order. */
    List<String> names() {
        return names;
    }

    /**
     * The DBF field names of the columns: at most 10 bytes of UTF-8, cut on a character boundary, and distinct ignoring
     * case ({@code canopy_closure} → {@code canopy_clo}; a second one → {@code canopy_c_1}).
     */
    static List<String> fieldNames(List<ColumnSpec> columns) {
        List<String> names = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (ColumnSpec c : columns) {
            String base = truncate(c.name().strip().replace('\0', '_'), 10);
            String name = base;
            for (int k = 1; !taken.add(name.toLowerCase(Locale.ROOT)); k++) {
                String suffix = "_" + k;
                name = truncate(base, 10 - suffix.length()) + suffix;
            }
            names.add(name);
        }
        return names;
    }

    /** The longest prefix of the text whose UTF-8 encoding has at most {@code maxBytes} bytes. */
    static String truncate(String text, int maxBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return text;
        }
        return new String(bytes, 0, utf8Boundary(bytes, maxBytes), StandardCharsets.UTF_8);
    }

    /** The largest length at most {@code max} that does not cut a UTF-8 character of {@code bytes}. */
    private static int utf8Boundary(byte[] bytes, int max) {
        int cut = max;
        while (cut > 0 && (bytes[cut] & 0xC0) == 0x80) {
            cut--;
        }
        return cut;
    }

    /**
     * Spools one record.
     *
     * @throws IllegalArgumentException if a value does not fit its column's type
     */
    void add(WritableFeature feature) throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec c = columns.get(i);
            Object v = generatedFid ? (Object) (long) records : c.valueOf(feature);
            if (v == null) {
                out.writeBoolean(false);
                continue;
            }
            out.writeBoolean(true);
            switch (c.type()) {
                case STRING -> {
                    byte[] bytes = ((String) v).getBytes(StandardCharsets.UTF_8);
                    int length = bytes.length <= MAX_WIDTH ? bytes.length : utf8Boundary(bytes, MAX_WIDTH);
                    out.writeInt(length);
                    out.write(bytes, 0, length);
                    width[i] = Math.max(width[i], length);
                }
                case INTEGER -> {
                    long n = (Long) v;
                    out.writeLong(n);
                    width[i] = Math.max(width[i], Long.toString(n).length());
                }
                case DECIMAL -> {
                    BigDecimal d = (BigDecimal) v;
                    int scale = Math.min(Math.max(d.stripTrailingZeros().scale(), 0), MAX_DECIMALS);
                    BigDecimal rounded = d.setScale(scale, RoundingMode.HALF_EVEN);
                    int integerDigits = rounded.toBigInteger().abs().toString().length() + (rounded.signum() < 0 ? 1 : 0);
                    out.writeUTF(d.toPlainString());
                    decimals[i] = Math.max(decimals[i], scale);
                    // width holds the integer part (with sign) until writeTo adds the decimals
                    width[i] = Math.max(width[i], integerDigits);
                }
                case BOOLEAN -> out.writeBoolean((Boolean) v);
                case DATE -> {
                    LocalDate d = (LocalDate) v;
                    if (d.getYear() < 0 || d.getYear() > 9999) {
                        throw new IllegalArgumentException("feature " + feature.id() + ": the date " + d + " of column '"
                                + c.name() + "' does not fit a DBF date");
                    }
                    out.writeLong(d.toEpochDay());
                }
            }
        }
        records++;
    }

    /** Writes the table (header, records, end-of-file marker); the output stays open. */
    void writeTo(OutputStream target) throws IOException {
        out.close();
        int[] fieldWidth = new int[columns.size()];
        int recordLength = 1;
        for (int i = 0; i < columns.size(); i++) {
            fieldWidth[i] = switch (columns.get(i).type()) {
                case DECIMAL -> decimalWidth(i);
                case BOOLEAN -> 1;
                default -> width[i];
            };
            recordLength += fieldWidth[i];
        }
        if (recordLength > 0xFFFF) {
            throw new IllegalArgumentException("the attributes are too wide for a DBF record (" + recordLength
                    + " bytes; at most 65535)");
        }
        OutputStream o = new BufferedOutputStream(target, 64 * 1024);
        writeHeader(o, fieldWidth, recordLength);
        byte[] record = new byte[recordLength];
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spool), 64 * 1024))) {
            for (int r = 0; r < records; r++) {
                Arrays.fill(record, (byte) ' ');
                int at = 1;
                for (int i = 0; i < columns.size(); i++) {
                    format(in, columns.get(i).type(), record, at, fieldWidth[i], decimals[i]);
                    at += fieldWidth[i];
                }
                o.write(record);
            }
        }
        o.write(0x1A);
        o.flush();
    }

    private int decimalWidth(int i) {
        int integerDigits = width[i];
        if (integerDigits + 1 + decimals[i] > MAX_WIDTH) {
            decimals[i] = Math.max(1, MAX_WIDTH - 1 - integerDigits);
        }
        if (integerDigits + 1 + decimals[i] > MAX_WIDTH) {
            throw new IllegalArgumentException("column '" + columns.get(i).name() + "' holds a number too large for a DBF");
        }
        return integerDigits + 1 + decimals[i];
    }

    private void writeHeader(OutputStream o, int[] fieldWidth, int recordLength) throws IOException {
        int headerLength = 32 + 32 * columns.size() + 1;
        ByteBuffer h = ByteBuffer.allocate(headerLength).order(ByteOrder.LITTLE_ENDIAN);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        h.put((byte) 0x03);
        h.put((byte) (today.getYear() - 1900)).put((byte) today.getMonthValue()).put((byte) today.getDayOfMonth());
        h.putInt(records);
        h.putShort((short) headerLength);
        h.putShort((short) recordLength);
        // bytes 12-31 stay zero: no transaction, no encryption, no language driver (the .cpg says UTF-8)
        h.position(32);
        for (int i = 0; i < columns.size(); i++) {
            byte[] field = new byte[32];
            byte[] name = names.get(i).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(name, 0, field, 0, name.length);
            field[11] = (byte) switch (columns.get(i).type()) {
                case STRING -> 'C';
                case INTEGER, DECIMAL -> 'N';
                case BOOLEAN -> 'L';
                case DATE -> 'D';
            };
            field[16] = (byte) fieldWidth[i];
            field[17] = (byte) (columns.get(i).type() == ColumnSpec.Type.DECIMAL ? decimals[i] : 0);
            h.put(field);
        }
        h.put((byte) 0x0D);
        o.write(h.array());
    }

    private static void format(DataInputStream in, ColumnSpec.Type type, byte[] record, int at, int width, int decimals)
            throws IOException {
        if (!in.readBoolean()) {
            if (type == ColumnSpec.Type.BOOLEAN) {
                record[at] = '?';
            }
            return;
        }
        switch (type) {
            case STRING -> {
                int length = in.readInt();
                in.readFully(record, at, length);
            }
            case INTEGER -> right(Long.toString(in.readLong()), record, at, width);
            case DECIMAL -> right(new BigDecimal(in.readUTF()).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString(),
                    record, at, width);
            case BOOLEAN -> record[at] = (byte) (in.readBoolean() ? 'T' : 'F');
            case DATE -> {
                LocalDate d = LocalDate.ofEpochDay(in.readLong());
                byte[] text = String.format(Locale.ROOT, "%04d%02d%02d", d.getYear(), d.getMonthValue(),
                        d.getDayOfMonth()).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(text, 0, record, at, 8);
            }
        }
    }

    private static void right(String text, byte[] record, int at, int width) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, record, at + width - bytes.length, bytes.length);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
