package cn.dongli.carbonmap.layer;

import java.time.Instant;

/**
 * One row of a feature's history.
 *
 * @param id the row's id (increasing)
 * @param editId the edit it belongs to
 * @param layer the layer
 * @param featureId the feature
 * @param version the feature's version after this change (for a delete: the version deleted)
 * @param op create, update, delete, restore, split, merge, import or undo
 * @param actor who
 * @param at when
 * @param deleted whether this change deleted the feature
 * @param undone whether an undo reverted it
 * @param state the feature as it was after the change (for a delete: as it was deleted)
 */
public record HistoryEntry(long id, String editId, String layer, long featureId, int version, String op,
                           String actor, Instant at, boolean deleted, boolean undone, Feature state) {
}
