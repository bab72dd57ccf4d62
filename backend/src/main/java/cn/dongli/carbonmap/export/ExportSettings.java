package cn.dongli.carbonmap.export;

import java.nio.file.Path;

/**
 * Where exports are spooled.
 *
 * @param tempDir the directory for the GeoPackages and shapefile parts written before they are sent
 */
public record ExportSettings(Path tempDir) {
}
