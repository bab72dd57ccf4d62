package cn.dongli.carbonmap.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** The formats an import accepts, recognised by content type or, failing that, by their first bytes. */
enum UploadFormat {
    GEOJSON, SHAPEFILE_ZIP, GEOPACKAGE, CSV_WKT;

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] SQLITE = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The format of a spooled upload, or {@code null} if it is none of them. */
    static UploadFormat detect(String contentType, Path file) throws IOException {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (startsWith(head, n, ZIP)) {
            return SHAPEFILE_ZIP;
        }
        if (startsWith(head, n, SQLITE)) {
            return GEOPACKAGE;
        }
        if (type.contains("json")) {
            return GEOJSON;
        }
        if (type.contains("csv")) {
            return CSV_WKT;
        }
        for (int i = 0; i < n; i++) {
            if (!Character.isWhitespace(head[i]) && head[i] != (byte) 0xEF && head[i] != (byte) 0xBB
                    && head[i] != (byte) 0xBF) {
                if (head[i] == '{') {
                    return GEOJSON;
                }
                // a CSV with WKT, as CarbonMap's exports and GDAL write it, starts with its WKT column
                return n - i >= 3 && (head[i] == 'W' || head[i] == 'w') && (head[i + 1] == 'K' || head[i + 1] == 'k')
                        && (head[i + 2] == 'T' || head[i + 2] == 't') ? CSV_WKT : null;
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] head, int n, byte[] magic) {
        return n >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }
}
