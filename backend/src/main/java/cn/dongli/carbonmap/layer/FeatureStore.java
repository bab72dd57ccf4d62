package cn.dongli.carbonmap.layer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

import cn.dongli.carbonmap.geom.Geometries;

/**
 * The port through which features are stored: one implementation per database (H2GIS, PostGIS), tested against the
 * real database. Every write is one transaction and appends to the change log (see {@link LayerChange}).
 */
public interface FeatureStore {

    /** The number of features in the layer. */
    long count(Layer layer);

    /** The bounding box of the layer's features, or empty if it has none. */
    Optional<Envelope> extent(Layer layer);

    /**
     * Features ordered by id.
     *
     * @param bbox only features whose geometry intersects this longitude/latitude box, or {@code null} for all
     */
    default List<Feature> find(Layer layer, Envelope bbox, int limit, long offset) {
        return find(layer, bbox == null ? null : Geometries.STORAGE.toGeometry(bbox), List.of(), limit, offset);
    }

    /** The number of features {@link #find(Layer, Envelope, int, long)} would return without limit and offset. */
    default long countMatching(Layer layer, Envelope bbox) {
        return countMatching(layer, bbox == null ? null : Geometries.STORAGE.toGeometry(bbox), List.of());
    }

    /** Features whose geometry intersects an area (longitude/latitude), ordered by id. */
    default List<Feature> findIntersecting(Layer layer, Geometry area, int limit) {
        return find(layer, area, List.of(), limit, 0);
    }

    /**
     * One page of the features that intersect an area and meet every filter, ordered by id.
     *
     * @param area only features whose geometry intersects this geometry (longitude/latitude, e.g. a bounding box as a
     *             polygon, or a street), or {@code null} for all
     * @param filters conditions on attributes, all of which must hold
     * @throws IllegalArgumentException if a filter names an attribute the layer does not have
     */
    List<Feature> find(Layer layer, Geometry area, List<AttributeFilter> filters, int limit, long offset);

    /**
     * One page of the features that intersect an area and meet every filter, ordered by id, starting after a feature:
     * the next page starts after the last feature of this one (keyset paging: a page costs what it returns, however
     * far into the area it is, and an edit between two pages neither repeats nor skips a feature).
     *
     * @param afterId only features whose id is greater (0 for the first page)
     * @throws IllegalArgumentException if a filter names an attribute the layer does not have
     */
    List<Feature> findAfter(Layer layer, Geometry area, List<AttributeFilter> filters, int limit, long afterId);

    /**
     * The ids and versions of the features {@link #findAfter} would return, without reading what need not be read (a
     * page whose features are already rendered is assembled from these).
     *
     * @throws IllegalArgumentException if a filter names an attribute the layer does not have
     */
    List<FeatureKey> keysAfter(Layer layer, Geometry area, List<AttributeFilter> filters, int limit, long afterId);

    /** The features of these ids that exist, in id order. */
    List<Feature> get(Layer layer, long[] ids);

    /**
     * The number of features {@link #find(Layer, Geometry, List, int, long)} would return without limit and offset.
     *
     * @throws IllegalArgumentException if a filter names an attribute the layer does not have
     */
    long countMatching(Layer layer, Geometry area, List<AttributeFilter> filters);

    /** One feature. */
    Optional<Feature> get(Layer layer, long id);

    /** Streams every feature of the layer, in id order, without holding them all in memory. */
    default void forEach(Layer layer, Consumer<Feature> consumer) {
        forEach(layer, null, List.of(), consumer);
    }

    /**
     * Streams the features of the layer that meet every filter, in id order.
     *
     * @throws IllegalArgumentException if a filter names an attribute the layer does not have
     */
    default void forEach(Layer layer, List<AttributeFilter> filters, Consumer<Feature> consumer) {
        forEach(layer, null, filters, consumer);
    }

    /**
     * Streams the features of the layer that intersect an area and meet every filter, in id order, without holding
     * them all in memory (exports of a whole layer or of one street).
     *
     * @param area longitude/latitude geometry the features must intersect, or {@code null} for all
     * @throws IllegalArgumentException if a filter names an attribute the layer does not have
     */
    void forEach(Layer layer, Geometry area, List<AttributeFilter> filters, Consumer<Feature> consumer);

    /**
     * Takes the layer's write lock for the rest of the current transaction: writes to a layer, and the checks made
     * before them (overlaps), are serialised, so that two concurrent edits cannot both pass a check the pair breaks.
     * Every write method takes it too; call it first when checks precede the write in one transaction.
     *
     * @throws IllegalStateException outside a transaction
     */
    void lockForWrite(Layer layer);

    /** Stores a new feature and returns it with its id and version 1 (history: the change's op). */
    Feature insert(Layer layer, FeatureDraft draft, Change change);

    /** Stores a new feature (history op {@code create}). */
    default Feature insert(Layer layer, FeatureDraft draft, String actor) {
        return insert(layer, draft, Change.by(actor, "create"));
    }

    /**
     * Stores a deleted feature again under its id, at the given version (restoring it).
     *
     * @throws VersionConflictException if a feature with that id exists
     */
    Feature reinsert(Layer layer, long id, int version, FeatureDraft draft, Change change);

    /**
     * Replaces a feature's geometry and attributes if its version is still {@code expectedVersion}.
     *
     * @throws FeatureNotFoundException if there is no such feature
     * @throws VersionConflictException if the stored version differs (the exception holds the stored feature)
     */
    Feature update(Layer layer, long id, int expectedVersion, FeatureDraft draft, Change change);

    /** {@link #update(Layer, long, int, FeatureDraft, Change)} with history op {@code update}. */
    default Feature update(Layer layer, long id, int expectedVersion, FeatureDraft draft, String actor) {
        return update(layer, id, expectedVersion, draft, Change.by(actor, "update"));
    }

    /**
     * Deletes a feature if its version is still {@code expectedVersion}.
     *
     * @throws FeatureNotFoundException if there is no such feature
     * @throws VersionConflictException if the stored version differs
     */
    void delete(Layer layer, long id, int expectedVersion, Change change);

    /** {@link #delete(Layer, long, int, Change)} with history op {@code delete}. */
    default void delete(Layer layer, long id, int expectedVersion, String actor) {
        delete(layer, id, expectedVersion, Change.by(actor, "delete"));
    }

    /**
     * Writes a whole import in one transaction: with {@code replace} the layer's features are deleted first. Both the
     * deleted and the imported features enter the history: each deleted feature as one row (the state deleted), the
     * imported ones as one record of the import, not a copy of each (a feature still as imported has its entry read
     * from its row; its first later change writes that entry out first). {@link #history}, {@link #lastEdit} and
     * {@link #markUndone} see the import's entries like any others.
     *
     * @return the number of features written
     */
    int importFeatures(Layer layer, List<FeatureDraft> drafts, boolean replace, Change change);

    /** {@link #importFeatures(Layer, List, boolean, Change)} with history op {@code import}. */
    default int importFeatures(Layer layer, List<FeatureDraft> drafts, boolean replace, String actor) {
        return importFeatures(layer, drafts, replace, Change.by(actor, "import"));
    }

    /**
     * A feature's history, newest first (by version, then by row): an imported feature's import entry included,
     * whether it is held as a row or read from the feature's current state.
     */
    List<HistoryEntry> history(Layer layer, long id);

    /** The history rows of the account's latest edit that has not been undone, newest first (empty if none). */
    List<HistoryEntry> lastEdit(String actor);

    /** Marks every row of an edit as undone. */
    void markUndone(String editId);

    /**
     * The layer's change-log entries after {@code seq}, oldest first. Writes to one layer are serialised by its write
     * lock, so a layer's entries become visible in the order of their numbers: a reader that has seen entry n of a
     * layer has seen all its earlier ones. (Across layers that does not hold: a write to one layer may commit after a
     * later-numbered write to another, so follow the log per layer.)
     */
    List<LayerChange> changesSince(Layer layer, long seq);

    /** The sequence number of the layer's latest change-log entry, 0 if none: its revision. */
    long lastChange(Layer layer);

    /** {@link #lastChange(Layer)} of each layer, by name, in one query. */
    Map<String, Long> lastChanges(List<Layer> layers);

    /** The sequence number of the latest change-log entry of any layer, 0 if none (not for following the log). */
    long lastChange();
}
