package cn.dongli.carbonmap.geom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extracting uploaded zips: what a shapefile zip needs passes, every trick and bomb is refused. */
class SafeZipTest {

    private static final long LIMIT = 1 << 20;
    private static final int MAX_ENTRIES = 64;

    @TempDir
    Path dir;

    private Path zip(Map<String, byte[]> entries) throws IOException {
        return zip(entries, StandardCharsets.UTF_8);
    }

    private Path zip(Map<String, byte[]> entries, Charset names) throws IOException {
        Path file = Files.createTempFile(dir, "upload", ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file), names)) {
            out.setLevel(Deflater.BEST_COMPRESSION);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return file;
    }

    private static Map<String, byte[]> entries(String... namesAndContents) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndContents.length; i += 2) {
            m.put(namesAndContents[i], namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }

    private Path target() throws IOException {
        return Files.createDirectories(dir.resolve("out"));
    }

    private void checkRefused(Path zip, String... messageParts) throws IOException {
        Path target = target();
        assertThatThrownBy(() -> SafeZip.extract(zip, target, LIMIT, MAX_ENTRIES))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessageContainingAll(messageParts);
        assertThat(filesUnder(dir)).as("nothing escaped the target").noneMatch(p -> p.getFileName().toString()
                .startsWith("evil"));
        assertThat(Path.of("/tmp/evil.shp")).doesNotExist();
        try (Stream<Path> left = Files.list(target)) {
            assertThat(left).as("nothing stays extracted").isEmpty();
        }
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root, 3)) {
            return s.toList();
        }
    }

    @Test
    void aShapefileZipWithAFolderIsExtractedWithItsFolder() throws Exception {
        Path zip = zip(entries("地块/", "", "地块/地块.shp", "shp", "地块/地块.dbf", "dbf", "readme.txt", "说明"));
        List<Path> files = SafeZip.extract(zip, target(), LIMIT, MAX_ENTRIES);
        assertThat(files).containsExactly(dir.resolve("out/地块/地块.shp"), dir.resolve("out/地块/地块.dbf"),
                dir.resolve("out/readme.txt"));
        assertThat(Files.readString(dir.resolve("out/readme.txt"))).isEqualTo("说明");
    }

    @Test
    void namesFromChineseWindowsInGbkAreDecoded() throws Exception {
        Path zip = zip(entries("东丽区小班.shp", "shp", "东丽区小班.dbf", "dbf"), Charset.forName("GBK"));
        assertThat(SafeZip.extract(zip, target(), LIMIT, MAX_ENTRIES))
                .extracting(p -> p.getFileName().toString())
                .containsExactly("东丽区小班.shp", "东丽区小班.dbf");
    }

    @Test
    void backslashesAreFolderSeparators() throws Exception {
        Path zip = zip(entries("data\\parcels.shp", "shp"));
        assertThat(SafeZip.extract(zip, target(), LIMIT, MAX_ENTRIES)).containsExactly(dir.resolve("out/data/parcels.shp"));
    }

    @Test
    void macOsMetadataIsSkipped() throws Exception {
        Path zip = zip(entries("__MACOSX/._parcels.shp", "junk", "._parcels.dbf", "junk", "parcels.shp", "shp"));
        assertThat(SafeZip.extract(zip, target(), LIMIT, MAX_ENTRIES)).containsExactly(dir.resolve("out/parcels.shp"));
    }

    @Test
    void zipSlipIsRefused() throws Exception {
        checkRefused(zip(entries("parcels.shp", "shp", "../evil.shp", "x")), "'../evil.shp'", "outside");
        checkRefused(zip(entries("a/../../evil.shp", "x")), "'a/../../evil.shp'", "outside");
        checkRefused(zip(entries("..\\evil.shp", "x")), "'..\\evil.shp'", "outside");
    }

    @Test
    void absolutePathsAndDriveLettersAreRefused() throws Exception {
        checkRefused(zip(entries("/tmp/evil.shp", "x")), "'/tmp/evil.shp'", "absolute path");
        checkRefused(zip(entries("\\\\server\\share\\evil.shp", "x")), "absolute path");
        checkRefused(zip(entries("C:\\Windows\\evil.shp", "x")), "'C:\\Windows\\evil.shp'", "drive letter");
        checkRefused(zip(entries("evil.shp:stream", "x")), "colon");
    }

    @Test
    void symbolicLinksAreRefused() throws Exception {
        Path zip = zip(entries("parcels.shp", "/etc/passwd"));
        // Mark the entry as a Unix symbolic link (made by Unix, mode 0120777), as 'zip --symlinks' does.
        patchCentralDirectory(zip, 0, b -> {
            b.putShort(4, (short) (3 << 8 | 30));
            b.putInt(38, 0120777 << 16);
        });
        checkRefused(zip, "'parcels.shp'", "symbolic link");
    }

    @Test
    void encryptedEntriesAreRefused() throws Exception {
        Path zip = zip(entries("parcels.shp", "shp"));
        patchCentralDirectory(zip, 0, b -> b.putShort(8, (short) (b.getShort(8) | 1)));
        checkRefused(zip, "'parcels.shp'", "password");
    }

    @Test
    void aZipInsideTheZipIsRefused() throws Exception {
        checkRefused(zip(entries("parcels.zip", "PK")), "'parcels.zip'", "archive");
    }

    @Test
    void namesDifferingOnlyInCaseAreRefused() throws Exception {
        checkRefused(zip(entries("parcels.shp", "a", "PARCELS.SHP", "b")), "'PARCELS.SHP'", "twice");
    }

    @Test
    void moreEntriesThanAllowedAreRefused() throws Exception {
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i <= MAX_ENTRIES; i++) {
            many.put("f" + i + ".txt", new byte[0]);
        }
        checkRefused(zip(many), "65 entries", "at most 64");
    }

    @Test
    void aZip64WithSeventyThousandEntriesIsRefusedBeforeItIsOpened() throws Exception {
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 70_000; i++) {
            many.put(Integer.toString(i, 36), new byte[0]);
        }
        checkRefused(zip(many), "70000 entries");
    }

    @Test
    void aZipBombStopsAtTheLimit() throws Exception {
        Path bomb = zip(Map.of("parcels.dbf", new byte[16 * (int) LIMIT]));
        assertThat(Files.size(bomb)).as("a few KB inflate to 16 MB").isLessThan(64 * 1024);
        Path target = target();
        assertThatThrownBy(() -> SafeZip.extract(bomb, target, LIMIT, MAX_ENTRIES))
                .isInstanceOf(SafeZip.TooLargeException.class)
                .hasMessageContaining("more than " + LIMIT + " bytes");
        try (Stream<Path> left = Files.list(target)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aZipBombWhoseHeadersUnderstateItsSizeStopsAtTheLimitToo() throws Exception {
        Path bomb = zip(Map.of("parcels.dbf", new byte[16 * (int) LIMIT]));
        // claim 100 bytes in both the central directory and the local header
        patchCentralDirectory(bomb, 0, b -> b.putInt(24, 100));
        byte[] bytes = Files.readAllBytes(bomb);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(22, 100);
        Files.write(bomb, bytes);
        Path target = target();
        assertThatThrownBy(() -> SafeZip.extract(bomb, target, LIMIT, MAX_ENTRIES))
                .isInstanceOf(SafeZip.TooLargeException.class);
        try (Stream<Path> left = Files.list(target)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void filesTogetherLargerThanTheLimitAreRefused() throws Exception {
        Path zip = zip(Map.of("a.dbf", new byte[(int) LIMIT / 2 + 1], "b.dbf", new byte[(int) LIMIT / 2 + 1]));
        assertThatThrownBy(() -> SafeZip.extract(zip, target(), LIMIT, MAX_ENTRIES))
                .isInstanceOf(SafeZip.TooLargeException.class);
    }

    @Test
    void aFileThatIsNoZipIsRefused() throws Exception {
        Path notZip = Files.writeString(dir.resolve("parcels.zip"), "{\"type\":\"FeatureCollection\"}");
        checkRefused(notZip, "not a zip");
    }

    /** Changes the central directory record of entry {@code index} (the buffer's position 0 is its signature). */
    private static void patchCentralDirectory(Path zip, int index, Consumer<ByteBuffer> patch)
            throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        ByteBuffer all = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int seen = 0;
        for (int p = 0; p + 4 <= bytes.length; p++) {
            if (all.getInt(p) == 0x02014b50 && seen++ == index) {
                patch.accept(ByteBuffer.wrap(bytes, p, bytes.length - p).slice().order(ByteOrder.LITTLE_ENDIAN));
                Files.write(zip, bytes);
                return;
            }
        }
        throw new AssertionError("no central directory record " + index);
    }
}
