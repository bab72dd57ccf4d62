package cn.dongli.carbonmap.layer;

import java.util.UUID;

/**
 * Who makes a write, and as part of which edit: recorded with every row of the feature history.
 *
 * @param actor the account
 * @param editId the edit this write belongs to (a split or merge writes several features under one edit, undone
 *               together)
 * @param op what the edit is: create, update, delete, restore, split, merge, import, undo
 */
public record Change(String actor, String editId, String op) {

    /** A new edit by an account. */
    public static Change by(String actor, String op) {
        return new Change(actor, UUID.randomUUID().toString(), op);
    }

    /** The same edit, another kind of write. */
    public Change as(String otherOp) {
        return new Change(actor, editId, otherOp);
    }
}
