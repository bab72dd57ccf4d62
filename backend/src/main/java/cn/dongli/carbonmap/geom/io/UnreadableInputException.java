package cn.dongli.carbonmap.geom.io;

/**
 * A file that cannot be read at all: malformed JSON, a damaged shapefile, an unknown .prj. The message says what and
 * where, for the person who sent the file.
 */
public class UnreadableInputException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnreadableInputException(String message) {
        super(message);
    }

    public UnreadableInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
