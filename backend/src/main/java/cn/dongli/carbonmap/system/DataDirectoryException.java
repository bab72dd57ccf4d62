package cn.dongli.carbonmap.system;

import java.nio.file.Path;

/** The data directory cannot be used: it cannot be created, or it cannot be written. */
class DataDirectoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path directory;

    DataDirectoryException(Path directory, String problem, Throwable cause) {
        super("the data directory " + directory + " " + problem, cause);
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }
}
