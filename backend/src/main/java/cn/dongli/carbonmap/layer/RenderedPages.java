package cn.dongli.carbonmap.layer;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Feature pages already rendered as gzipped GeoJSON, each kept with its revision (the latest change that could have
 * changed it: see {@link AreaRevisions}) and the id of its last feature, least recently used first out beyond a byte
 * budget. The web map asks for the same tile-aligned boxes for every user, so a page is rendered once per change of
 * what it holds instead of once per request.
 */
final class RenderedPages {

    /**
     * A page: the revision it shows, the id of its last feature ({@link Long#MAX_VALUE} for a page that is not full:
     * any later feature would join it) and its gzipped GeoJSON.
     */
    record Page(long revision, long lastId, byte[] gzip) {
    }

    private final long maxBytes;
    private long bytes;
    private long hits;
    private long misses;
    private final LinkedHashMap<String, Page> pages = new LinkedHashMap<>(256, 0.75f, true);

    RenderedPages(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** What a page's revision is now, from the id of its last feature. */
    @FunctionalInterface
    interface Revisions {
        long of(long lastId);
    }

    /** The page of that key if it still shows what it would show now. */
    synchronized Optional<Page> get(String key, Revisions now) {
        Page p = pages.get(key);
        if (p != null && p.revision() == now.of(p.lastId())) {
            hits++;
            return Optional.of(p);
        }
        misses++;
        return Optional.empty();
    }

    /** Keeps a page unless it alone would take more than a quarter of the budget. */
    synchronized void put(String key, Page page) {
        if (page.gzip().length > maxBytes / 4) {
            return;
        }
        Page old = pages.put(key, page);
        if (old != null) {
            bytes -= old.gzip().length;
        }
        bytes += page.gzip().length;
        Iterator<Map.Entry<String, Page>> eldest = pages.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().gzip().length;
            eldest.remove();
        }
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return pages.size();
    }

    synchronized long hits() {
        return hits;
    }

    synchronized long misses() {
        return misses;
    }
}
