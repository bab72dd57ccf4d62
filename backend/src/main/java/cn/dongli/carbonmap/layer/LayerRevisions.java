package cn.dongli.carbonmap.layer;

import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * The revision of each layer: the sequence number of the last committed write to it, followed through the change
 * log, whoever wrote. Readers that keep derived answers (the rendered feature pages, browsers' ETags) compare
 * revisions instead of re-reading the layer. One cheap query per call ({@link FeatureStore#lastChange()}); the log
 * is read only when it has grown.
 */
@Component
public class LayerRevisions {

    private final FeatureStore store;
    private long seen = -1;
    private long baseline;
    private final Map<String, Long> revisions = new HashMap<>();

    public LayerRevisions(FeatureStore store) {
        this.store = store;
    }

    /**
     * The layer's revision now: it changes with every committed write to the layer and only then. Before the first
     * write this process sees, every layer has the log's last sequence number.
     */
    public long revision(Layer layer) {
        long last = store.lastChange();
        synchronized (this) {
            if (last != seen) {
                if (seen < 0 || last < seen) {
                    // first call, or a log that went back (a restored database): start again from here
                    revisions.clear();
                    baseline = last;
                    seen = last;
                } else {
                    long newest = last;
                    for (LayerChange c : store.changesSince(seen)) {
                        revisions.put(c.layer(), c.seq());
                        newest = Math.max(newest, c.seq());
                    }
                    seen = newest;
                }
            }
            return revisions.getOrDefault(layer.name(), baseline);
        }
    }
}
