package cn.dongli.carbonmap.importer;

import java.nio.file.Path;

/**
 * Limits and places of the importer.
 *
 * @param maxBytes largest accepted request body, bytes (larger: 413)
 * @param maxUncompressedBytes largest total size of the files inside a zip, bytes (larger: 413)
 * @param maxFeatures most features in one import (more: 413)
 * @param tempDir where uploads are spooled while they are read
 */
public record ImportSettings(long maxBytes, long maxUncompressedBytes, int maxFeatures, Path tempDir) {
}
