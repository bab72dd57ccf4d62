package cn.dongli.carbonmap.geom.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Extracts an uploaded zip without trusting it: no entry may leave the target directory, and neither the number of
 * entries nor the bytes actually inflated may exceed the caller's limits, whatever the zip's headers claim.
 *
 * <p>Refused, with the entry's name in the message: paths with {@code ..}, absolute paths, drive letters and other
 * colons, control characters; symbolic links and other special files; password-protected entries; archives inside the
 * archive (they would need the same checks and are almost always a mistake); names that differ only in case. Backslashes
 * are taken as folder separators (PowerShell's {@code Compress-Archive} writes them) and the result is checked like any
 * other name. Folders inside the zip are kept under the target directory. macOS metadata ({@code __MACOSX/},
 * {@code ._*}) is skipped. Names not flagged as UTF-8 are decoded as UTF-8 when they all are valid UTF-8, otherwise as
 * GB18030, the encoding of zips made by Chinese Windows.
 *
 * <p>The entry count and file types come from this class's own reading of the zip's central directory (the JDK does not
 * expose file types); the bytes are inflated by {@link ZipFile}.
 */
public final class SafeZip {

    private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
    private static final int CENTRAL_FILE_HEADER = 0x02014b50;
    private static final int FLAG_ENCRYPTED = 1;
    private static final int FLAG_UTF8 = 1 << 11;
    private static final int UNIX_FILE_TYPE = 0xF000;
    private static final int UNIX_REGULAR_FILE = 0x8000;
    private static final int UNIX_DIRECTORY = 0x4000;
    private static final int UNIX_SYMLINK = 0xA000;
    private static final Set<String> ARCHIVES = Set.of("zip", "7z", "rar", "tar", "gz", "tgz", "bz2", "xz", "kmz");

    private SafeZip() {
    }

    /** Thrown when the files in a zip are larger in total than allowed. */
    public static final class TooLargeException extends UnreadableInputException {
        private static final long serialVersionUID = 1L;

        public TooLargeException(String message) {
            super(message);
        }
    }

    /**
     * Extracts the zip into the target directory; on failure, whatever was extracted is removed again.
     *
     * @param zip the zip file
     * @param targetDir an existing directory, normally empty
     * @param maxUncompressedBytes the most bytes all entries together may inflate to
     * @param maxEntries the most entries (files, folders and skipped metadata) the zip may hold
     * @return the extracted files, in the zip's order
     * @throws TooLargeException if the entries inflate to more than {@code maxUncompressedBytes}
     * @throws UnreadableInputException if the file is not a zip, is damaged, has too many entries or an entry this
     *                                  class refuses
     * @throws UncheckedIOException if the target directory cannot be written
     */
    public static List<Path> extract(Path zip, Path targetDir, long maxUncompressedBytes, int maxEntries)
            throws UnreadableInputException {
        List<CentralEntry> central = readCentralDirectory(zip, maxEntries);
        Charset charset = nameCharset(central);
        List<Planned> plan = plan(central, charset);
        Path root = targetDir.toAbsolutePath().normalize();
        List<Path> created = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile(), ZipFile.OPEN_READ, charset)) {
            List<Path> extracted = copy(file, plan, root, maxUncompressedBytes, created);
            created.clear();
            return extracted;
        } catch (IOException e) {
            throw new UnreadableInputException("the zip cannot be read: " + e.getMessage(), e);
        } finally {
            removeAll(created);
        }
    }

    /** One central directory record, as far as this class needs it. */
    private record CentralEntry(byte[] rawName, int flags, int madeBy, long externalAttributes) {

        boolean unixHost() {
            int host = madeBy >>> 8;
            return host == 3 || host == 19;
        }

        int unixType() {
            return (int) (externalAttributes >>> 16) & UNIX_FILE_TYPE;
        }
    }

    /** An entry checked and placed: its name in the zip, its path under the target, or null when skipped. */
    private record Planned(String zipName, String relative, boolean directory) {
    }

    private static List<CentralEntry> readCentralDirectory(Path zip, int maxEntries) throws UnreadableInputException {
        try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = ch.size();
            int tailLength = (int) Math.min(size, 22 + 0xFFFF);
            ByteBuffer tail = read(ch, size - tailLength, tailLength);
            int eocd = -1;
            for (int p = tailLength - 22; p >= 0; p--) {
                if (tail.getInt(p) == END_OF_CENTRAL_DIRECTORY) {
                    eocd = p;
                    break;
                }
            }
            if (eocd < 0) {
                throw new UnreadableInputException("the file is not a zip (it has no central directory)");
            }
            long count = Short.toUnsignedLong(tail.getShort(eocd + 10));
            long cdSize = Integer.toUnsignedLong(tail.getInt(eocd + 12));
            long cdOffset = Integer.toUnsignedLong(tail.getInt(eocd + 16));
            if (count == 0xFFFF || cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL) {
                long locator = size - tailLength + eocd - 20;
                ByteBuffer loc = locator >= 0 ? read(ch, locator, 20) : null;
                if (loc == null || loc.getInt(0) != ZIP64_LOCATOR) {
                    throw new UnreadableInputException("the zip's central directory is damaged (no ZIP64 locator)");
                }
                long zip64 = loc.getLong(8);
                ByteBuffer end = zip64 >= 0 && zip64 <= size - 56 ? read(ch, zip64, 56) : null;
                if (end == null || end.getInt(0) != ZIP64_END_OF_CENTRAL_DIRECTORY) {
                    throw new UnreadableInputException("the zip's central directory is damaged (no ZIP64 record)");
                }
                count = end.getLong(32);
                cdSize = end.getLong(40);
                cdOffset = end.getLong(48);
            }
            // Checked before anything else is read, so that a million tiny entries cost nothing.
            if (count > maxEntries || count < 0) {
                throw new UnreadableInputException("the zip has " + Long.toUnsignedString(count)
                        + " entries; at most " + maxEntries + " are accepted");
            }
            long maxDirectory = (long) maxEntries * (46 + 3 * 0xFFFF);
            if (cdOffset < 0 || cdSize < 0 || cdSize > maxDirectory || cdOffset + cdSize > size) {
                throw new UnreadableInputException("the zip's central directory is damaged (it lies outside the file)");
            }
            ByteBuffer cd = read(ch, cdOffset, (int) cdSize);
            List<CentralEntry> entries = new ArrayList<>((int) count);
            int p = 0;
            for (long i = 0; i < count; i++) {
                if (p + 46 > cdSize || cd.getInt(p) != CENTRAL_FILE_HEADER) {
                    throw new UnreadableInputException("the zip's central directory is damaged at entry " + (i + 1));
                }
                int madeBy = Short.toUnsignedInt(cd.getShort(p + 4));
                int flags = Short.toUnsignedInt(cd.getShort(p + 8));
                int nameLength = Short.toUnsignedInt(cd.getShort(p + 28));
                int extraLength = Short.toUnsignedInt(cd.getShort(p + 30));
                int commentLength = Short.toUnsignedInt(cd.getShort(p + 32));
                long external = Integer.toUnsignedLong(cd.getInt(p + 38));
                if (p + 46L + nameLength + extraLength + commentLength > cdSize) {
                    throw new UnreadableInputException("the zip's central directory is damaged at entry " + (i + 1));
                }
                byte[] name = new byte[nameLength];
                cd.get(p + 46, name);
                entries.add(new CentralEntry(name, flags, madeBy, external));
                p += 46 + nameLength + extraLength + commentLength;
            }
            return entries;
        } catch (IOException e) {
            throw new UnreadableInputException("the zip cannot be read: " + e.getMessage(), e);
        }
    }

    private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (ch.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buffer.flip();
    }

    /** UTF-8 unless a name without the UTF-8 flag is not valid UTF-8: then GB18030 (Chinese Windows). */
    private static Charset nameCharset(List<CentralEntry> entries) {
        for (CentralEntry e : entries) {
            if ((e.flags() & FLAG_UTF8) == 0 && !isUtf8(e.rawName())) {
                return Charset.forName("GB18030");
            }
        }
        return StandardCharsets.UTF_8;
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static List<Planned> plan(List<CentralEntry> entries, Charset charset) throws UnreadableInputException {
        List<Planned> plan = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CentralEntry e : entries) {
            String name = new String(e.rawName(), (e.flags() & FLAG_UTF8) != 0 ? StandardCharsets.UTF_8 : charset);
            if ((e.flags() & FLAG_ENCRYPTED) != 0) {
                throw refused(name, "is password-protected");
            }
            if (e.unixHost() && e.unixType() == UNIX_SYMLINK) {
                throw refused(name, "is a symbolic link");
            }
            if (e.unixHost() && e.unixType() != 0 && e.unixType() != UNIX_REGULAR_FILE && e.unixType() != UNIX_DIRECTORY) {
                throw refused(name, "is not a regular file");
            }
            String relative = relativePath(name);
            boolean directory = name.endsWith("/") || name.endsWith("\\");
            if (relative.isEmpty() || isMacMetadata(relative)) {
                plan.add(new Planned(name, null, directory));
                continue;
            }
            if (!directory) {
                String lower = relative.toLowerCase(Locale.ROOT);
                String extension = lower.substring(lower.lastIndexOf('.') + 1);
                if (lower.contains(".") && ARCHIVES.contains(extension)) {
                    throw refused(name, "is itself an archive; zip the shapefile's files directly");
                }
                if (!seen.add(lower)) {
                    throw refused(name, "is listed twice (names are compared ignoring case)");
                }
            }
            plan.add(new Planned(name, relative, directory));
        }
        return plan;
    }

    /**
     * The entry's path relative to the target directory, with {@code /} separators and without {@code .} segments.
     *
     * @throws UnreadableInputException if the name could point outside the target directory
     */
    static String relativePath(String name) throws UnreadableInputException {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < 0x20 || name.charAt(i) == 0x7F) {
                throw refused(name, "has a control character in its name");
            }
        }
        String path = name.replace('\\', '/');
        if (path.startsWith("/")) {
            throw refused(name, "has an absolute path");
        }
        if (path.length() >= 2 && Character.isLetter(path.charAt(0)) && path.charAt(1) == ':') {
            throw refused(name, "starts with a drive letter");
        }
        if (path.indexOf(':') >= 0) {
            throw refused(name, "has a colon in its name");
        }
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw refused(name, "points outside the zip's folder (..)");
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(segment);
        }
        return out.toString();
    }

    private static boolean isMacMetadata(String relative) {
        String file = relative.substring(relative.lastIndexOf('/') + 1);
        return relative.equals("__MACOSX") || relative.startsWith("__MACOSX/") || file.startsWith("._");
    }

    private static UnreadableInputException refused(String name, String why) {
        return new UnreadableInputException("the zip entry '" + name + "' " + why + "; it was not extracted");
    }

    private static List<Path> copy(ZipFile file, List<Planned> plan, Path root, long maxBytes, List<Path> created)
            throws IOException, UnreadableInputException {
        List<? extends ZipEntry> entries = list(file);
        if (entries.size() != plan.size()) {
            throw new UnreadableInputException("the zip's central directory is inconsistent");
        }
        List<Path> extracted = new ArrayList<>();
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        for (int i = 0; i < plan.size(); i++) {
            Planned p = plan.get(i);
            ZipEntry entry = entries.get(i);
            if (!entry.getName().equals(p.zipName())) {
                throw new UnreadableInputException("the zip's central directory is inconsistent at '" + p.zipName() + "'");
            }
            if (p.relative() == null) {
                continue;
            }
            Path target = root.resolve(p.relative()).normalize();
            if (!target.startsWith(root) || target.equals(root)) {
                throw refused(p.zipName(), "points outside the target folder");
            }
            if (p.directory()) {
                createDirectories(target, root, created);
                continue;
            }
            createDirectories(target.getParent(), root, created);
            try (InputStream in = file.getInputStream(entry); OutputStream out = create(target, p.zipName())) {
                created.add(target);
                int n;
                while ((n = in.read(buffer)) > 0) {
                    total += n;
                    // counted as inflated, so a bomb stops here whatever sizes its headers declare
                    if (total > maxBytes) {
                        throw new TooLargeException("the zip's files inflate to more than " + maxBytes
                                + " bytes (stopped in '" + p.zipName() + "')");
                    }
                    write(out, buffer, n);
                }
            }
            extracted.add(target);
        }
        return extracted;
    }

    private static List<? extends ZipEntry> list(ZipFile file) {
        List<ZipEntry> list = new ArrayList<>();
        Enumeration<? extends ZipEntry> e = file.entries();
        while (e.hasMoreElements()) {
            list.add(e.nextElement());
        }
        return list;
    }

    private static OutputStream create(Path target, String zipName) throws UnreadableInputException {
        try {
            return Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw refused(zipName, "would overwrite another entry");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private static void write(OutputStream out, byte[] buffer, int n) {
        try {
            out.write(buffer, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an extracted file", e);
        }
    }

    private static void createDirectories(Path dir, Path root, List<Path> created) throws UnreadableInputException {
        List<Path> missing = new ArrayList<>();
        for (Path d = dir; d != null && !d.equals(root) && !Files.isDirectory(d); d = d.getParent()) {
            missing.add(0, d);
        }
        for (Path d : missing) {
            try {
                Files.createDirectory(d);
                created.add(d);
            } catch (FileAlreadyExistsException e) {
                throw new UnreadableInputException("the zip has a file and a folder both named '" + root.relativize(d) + "'");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + d, e);
            }
        }
    }

    private static void removeAll(List<Path> created) {
        created.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path p : created) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // best effort: the caller removes its whole work directory anyway
            }
        }
    }
}
