package cn.dongli.carbonmap.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.locationtech.jts.geom.Envelope;

/**
 * The revision of a page of a layer: the latest change-log entry that may have changed it. A page holds the first
 * features by id, after an id, that meet an area; a change can alter it only if it happened in the area (its box
 * before or after meets it) to a feature whose id lies in the page's range, from the id it starts after to its last
 * one (a later feature stays beyond a full page, an earlier one before it). So a page stays valid, and keeps its
 * ETag, while edits happen elsewhere, or in its area to features of other pages; an import, or an entry of unknown
 * place, changes every page. Follows each layer's log in memory, from the entries since its last whole-layer change.
 */
final class AreaRevisions {

    /** Beyond this many entries since a layer's last whole-layer change, the oldest half count as one. */
    private static final int MAX_KEPT = 50_000;

    private final FeatureStore store;
    private final Map<String, Log> logs = new ConcurrentHashMap<>();

    /** One layer's log as far as it was read: where each change since the last whole-layer change happened. */
    private static final class Log {
        long seen;
        /** the latest entry that changed every area (an import), or the newest entry folded into it */
        long whole;
        final List<LayerChange> changes = new ArrayList<>();
    }

    AreaRevisions(FeatureStore store) {
        this.store = store;
    }

    /**
     * The revision of a page of the layer, as of the layer's revision {@code revision}.
     *
     * @param area the page's area, or {@code null} for the whole layer
     * @param afterId the page holds features of greater ids only ({@link Long#MIN_VALUE}: a page by offset, which a
     *                change to any earlier feature may shift)
     * @param lastId the id of the page's last feature ({@link Long#MAX_VALUE} if the page is not full)
     */
    long revision(Layer layer, long revision, Envelope area, long afterId, long lastId) {
        Log log = current(layer, revision);
        synchronized (log) {
            for (int i = log.changes.size() - 1; i >= 0; i--) {
                LayerChange c = log.changes.get(i);
                if (c.seq() <= revision && (area == null || c.meets(area)) && (c.featureId() == null
                        || (c.featureId() > afterId && c.featureId() <= lastId))) {
                    return c.seq();
                }
            }
            return Math.min(log.whole, revision);
        }
    }

    /** The layer's log, read up to at least {@code revision}. */
    private Log current(Layer layer, long revision) {
        Log log = logs.computeIfAbsent(layer.name(), k -> new Log());
        synchronized (log) {
            if (log.seen < revision) {
                // a layer's entries become visible in the order of their numbers: none below `seen` can appear later
                for (LayerChange c : store.changesSince(layer, log.seen)) {
                    if (c.box() == null) {
                        log.whole = c.seq();
                        log.changes.clear();
                    } else {
                        log.changes.add(c);
                    }
                    log.seen = c.seq();
                }
                if (log.changes.size() > MAX_KEPT) {
                    List<LayerChange> oldest = log.changes.subList(0, MAX_KEPT / 2);
                    log.whole = oldest.get(oldest.size() - 1).seq();
                    oldest.clear();
                }
            }
            return log;
        }
    }

    /**
     * The layer's last change of every area (an import) as of the layer's revision {@code revision} or later: what a
     * rendering of one feature depends on besides its id and version.
     */
    long lastWholeChange(Layer layer, long revision) {
        Log log = current(layer, revision);
        synchronized (log) {
            return log.whole;
        }
    }
}
