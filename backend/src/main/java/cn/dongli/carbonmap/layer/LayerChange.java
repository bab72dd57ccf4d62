package cn.dongli.carbonmap.layer;

/**
 * One entry of the change log that every write appends to in its own transaction; readers that keep derived state
 * (the indicator engine) follow it to stay current with every committed write, whoever made it.
 *
 * @param seq increasing sequence number
 * @param layer the layer written
 * @param featureId the feature, or {@code null} when the whole layer changed (an import)
 * @param op {@code I} insert, {@code U} update, {@code D} delete, {@code L} whole layer
 */
public record LayerChange(long seq, String layer, Long featureId, char op) {
}
