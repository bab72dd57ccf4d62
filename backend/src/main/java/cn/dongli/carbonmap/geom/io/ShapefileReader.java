package cn.dongli.carbonmap.geom.io;

import java.nio.file.Path;

/** PLACEHOLDER: replaced by the io work. */
public final class ShapefileReader {

    private ShapefileReader() {
    }

    public static SourceDataset read(Path directory) throws UnreadableInputException {
        throw new UnsupportedOperationException("not yet");
    }
}
