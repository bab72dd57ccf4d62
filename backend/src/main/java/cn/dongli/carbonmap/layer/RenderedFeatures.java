package cn.dongli.carbonmap.layer;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Single features already rendered as GeoJSON (UTF-8), least recently used first out beyond a byte budget. A page of
 * the map whose box an edit touched is assembled again from the features it holds: only the edited ones are read and
 * rendered again, the others come from here. The key names everything the rendering depends on: the layer and its
 * last whole-layer change, the feature's id and version, the simplification, the decimals and the audience.
 */
final class RenderedFeatures {

    private final long maxBytes;
    private long bytes;
    private final LinkedHashMap<String, byte[]> features = new LinkedHashMap<>(4096, 0.75f, true);

    RenderedFeatures(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The rendering under that key, or null. */
    synchronized byte[] get(String key) {
        return features.get(key);
    }

    synchronized void put(String key, byte[] json) {
        if (maxBytes <= 0) {
            return;
        }
        byte[] old = features.put(key, json);
        if (old != null) {
            bytes -= old.length;
        }
        bytes += json.length + key.length();
        if (old != null) {
            bytes -= key.length();
        }
        Iterator<Map.Entry<String, byte[]>> eldest = features.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            Map.Entry<String, byte[]> e = eldest.next();
            bytes -= e.getValue().length + e.getKey().length();
            eldest.remove();
        }
    }

    synchronized long bytes() {
        return bytes;
    }
}
