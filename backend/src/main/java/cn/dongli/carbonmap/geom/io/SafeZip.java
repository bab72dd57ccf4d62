package cn.dongli.carbonmap.geom.io;

import java.nio.file.Path;
import java.util.List;

/** PLACEHOLDER: replaced by the io work. */
public final class SafeZip {

    private SafeZip() {
    }

    /** Thrown when the files in a zip are larger in total than allowed. */
    public static final class TooLargeException extends UnreadableInputException {
        private static final long serialVersionUID = 1L;

        public TooLargeException(String message) {
            super(message);
        }
    }

    public static List<Path> extract(Path zip, Path targetDir, long maxUncompressedBytes, int maxEntries)
            throws UnreadableInputException {
        throw new UnsupportedOperationException("not yet");
    }
}
