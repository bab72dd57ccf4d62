package cn.dongli.carbonmap.layer.store;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.quadtree.Quadtree;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerChange;

/**
 * Where the features of each layer lie (their bounding boxes), in memory, for the embedded database. H2's R-tree
 * indexes are not used there (they cannot roll back a transaction a crash left unfinished: migration V8 drops them),
 * so without this a read by area would scan the whole layer.
 *
 * <p>A layer's boxes are loaded on its first read by area and follow its committed change-log entries from then on:
 * before each answer the entries since the last look are applied (a written feature's box is read again; an import
 * loads the layer again). A read inside a write transaction must see that transaction's own rows, which are not
 * committed yet: the store does not ask this index then.
 */
final class EnvelopeIndex {

    private final JdbcTemplate jdbc;
    private final JdbcFeatureStore log;
    private final Map<String, Boxes> layers = new HashMap<>();

    /** One layer's boxes, by feature id and in a quadtree, current up to change-log entry {@code seen}. */
    private static final class Boxes {
        final Map<Long, Envelope> byId = new HashMap<>();
        final Quadtree tree = new Quadtree();
        long seen;

        void put(long id, Envelope box) {
            remove(id);
            byId.put(id, box);
            tree.insert(box, id);
        }

        void remove(long id) {
            Envelope old = byId.remove(id);
            if (old != null) {
                tree.remove(old, id);
            }
        }
    }

    EnvelopeIndex(JdbcTemplate jdbc, JdbcFeatureStore log) {
        this.jdbc = jdbc;
        this.log = log;
    }

    /**
     * The features whose bounding box meets a box: their ids in ascending order, and which of them have a box that
     * lies inside {@code insideOf} (bit {@code i} for {@code ids[i]}; none when {@code insideOf} is null).
     */
    record Hits(long[] ids, BitSet inside) {
    }

    /** The layer's features whose bounding box meets {@code area} (see {@link Hits}). */
    Hits candidates(Layer layer, Envelope area, Envelope insideOf) {
        Boxes boxes = current(layer);
        synchronized (boxes) {
            List<?> hits = boxes.tree.query(area);
            long[] ids = new long[hits.size()];
            int n = 0;
            for (Object hit : hits) {
                long id = (Long) hit;
                if (boxes.byId.get(id).intersects(area)) {
                    ids[n++] = id;
                }
            }
            long[] found = Arrays.copyOf(ids, n);
            Arrays.sort(found);
            BitSet inside = new BitSet(n);
            if (insideOf != null) {
                for (int i = 0; i < n; i++) {
                    if (insideOf.contains(boxes.byId.get(found[i]))) {
                        inside.set(i);
                    }
                }
            }
            return new Hits(found, inside);
        }
    }

    private Boxes current(Layer layer) {
        Boxes boxes;
        synchronized (layers) {
            boxes = layers.get(layer.name());
            if (boxes == null) {
                boxes = load(layer);
                layers.put(layer.name(), boxes);
                return boxes;
            }
        }
        synchronized (boxes) {
            if (log.lastChange(layer) == boxes.seen) {
                return boxes;
            }
            List<LayerChange> changes = log.changesSince(layer, boxes.seen);
            for (LayerChange c : changes) {
                if (c.featureId() == null) {
                    break;
                }
                Envelope box = log.box(layer, c.featureId());
                if (box.isNull()) {
                    boxes.remove(c.featureId());
                } else {
                    boxes.put(c.featureId(), box);
                }
                boxes.seen = c.seq();
            }
            if (changes.isEmpty() || changes.stream().allMatch(c -> c.featureId() != null)) {
                return boxes;
            }
        }
        // the layer was imported: load it again
        Boxes fresh = load(layer);
        synchronized (layers) {
            layers.put(layer.name(), fresh);
        }
        return fresh;
    }

    private Boxes load(Layer layer) {
        Boxes boxes = new Boxes();
        boxes.seen = log.lastChange(layer);
        jdbc.query("SELECT id, ST_XMin(geom), ST_XMax(geom), ST_YMin(geom), ST_YMax(geom) FROM " + layer.table(),
                rs -> {
                    boxes.put(rs.getLong(1), new Envelope(rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                            rs.getDouble(5)));
                });
        return boxes;
    }
}
