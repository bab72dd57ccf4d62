package cn.dongli.carbonmap.geom.io;

import java.nio.file.Path;

/** PLACEHOLDER: replaced by the io work. */
public final class GeoPackageReader {

    private GeoPackageReader() {
    }

    public static SourceDataset read(Path file, String table) throws UnreadableInputException {
        throw new UnsupportedOperationException("not yet");
    }
}
