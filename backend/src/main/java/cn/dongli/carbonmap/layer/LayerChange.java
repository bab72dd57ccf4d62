package cn.dongli.carbonmap.layer;

import org.locationtech.jts.geom.Envelope;

/**
 * One entry of the change log that every write appends to in its own transaction; readers that keep derived state
 * (the indicator engine, rendered pages) follow it to stay current with every committed write, whoever made it.
 *
 * @param seq increasing sequence number
 * @param layer the layer written
 * @param featureId the feature, or {@code null} when the whole layer changed (an import)
 * @param op {@code I} insert, {@code U} update, {@code D} delete, {@code L} whole layer
 * @param box where the change happened: the bounding box of the feature before and after it, in longitude/latitude;
 *            {@code null} when unknown or the whole layer changed (it then meets every box)
 */
public record LayerChange(long seq, String layer, Long featureId, char op, Envelope box) {

    /** Whether this change may have changed what lies in {@code area}. */
    public boolean meets(Envelope area) {
        return box == null || box.intersects(area);
    }
}
