package cn.dongli.carbonmap.importer;

import java.nio.file.Path;
import java.time.Duration;

import cn.dongli.carbonmap.geom.io.ReadBudget;

/**
 * Limits and places of the importer.
 *
 * @param maxBytes largest accepted request body, bytes (larger: 413)
 * @param maxUncompressedBytes largest total size of the files inside a zip, bytes (larger: 413)
 * @param maxFeatures most features in one import (more: 413)
 * @param maxVerticesPerGeometry most vertices of one geometry (more: 413)
 * @param maxVertices most vertices of one import's geometries together (more: 413)
 * @param maxValues most attribute values of one import together (more: 413)
 * @param readTimeout longest time reading an upload may take once it has arrived (longer: 422)
 * @param threads imports run at once, on a pool of their own
 * @param queue imports that may wait for that pool (more: 503)
 * @param tempDir where uploads are spooled while they are read
 */
public record ImportSettings(long maxBytes, long maxUncompressedBytes, int maxFeatures, long maxVerticesPerGeometry,
                             long maxVertices, long maxValues, Duration readTimeout, int threads, int queue,
                             Path tempDir) {

    /** The budget of reading one upload. */
    public ReadBudget.Limits readLimits() {
        return new ReadBudget.Limits(maxFeatures, maxVerticesPerGeometry, maxVertices, maxValues, readTimeout);
    }
}
