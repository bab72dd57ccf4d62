/**
 * Writes to the layers: every create, update, delete, split, merge, restore, undo and import passes the same
 * permissions ({@code security.EditPermissions}), validation ({@code layer.FeatureValidator}) and rules across
 * features ({@link cn.dongli.carbonmap.edit.EditRules}: no overlap, inside the district), under the layer's write
 * lock, with optimistic versions (ETag / If-Match) and a history of every change.
 */
package cn.dongli.carbonmap.edit;
