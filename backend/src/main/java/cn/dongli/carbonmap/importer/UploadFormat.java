package cn.dongli.carbonmap.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** The formats an import accepts, recognised by content type or, failing that, by their first bytes. */
enum UploadFormat {
    GEOJSON, SHAPEFILE_ZIP, GEOPACKAGE;

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
        for (int i = 0; i < n; i++) {
            if (!Character.isWhitespace(head[i]) && head[i] != (byte) 0xEF && head[i] != (byte) 0xBB
                    && head[i] != (byte) 0xBF) {
                return head[i] == '{' ? GEOJSON : null;
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] head, int n, byte[] magic) {
        return n >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }
}
