package cn.dongli.carbonmap.layer;

import java.util.LinkedHashMap;
import java.util.Map;

import cn.dongli.carbonmap.geom.io.GeoJsonWriter;

/**
 * How a stored feature is written as GeoJSON: the typed attributes then the extra properties, flat in
 * {@code properties}, so that an exported file imports again unchanged; version and authorship in the foreign member
 * {@code meta}.
 */
public final class FeatureJson {

    private FeatureJson() {
    }

    /** The properties object of a feature. */
    public static Map<String, Object> properties(Feature f) {
        Map<String, Object> p = new LinkedHashMap<>(f.attributes());
        for (Map.Entry<String, Object> e : f.extra().entrySet()) {
            p.putIfAbsent(e.getKey(), e.getValue());
        }
        return p;
    }

    /** The {@code meta} member: version and who changed the feature when. */
    public static Map<String, Object> meta(Feature f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layer", f.layer());
        m.put("version", f.version());
        m.put("createdBy", f.createdBy());
        m.put("createdAt", f.createdAt().toString());
        m.put("updatedBy", f.updatedBy());
        m.put("updatedAt", f.updatedAt().toString());
        return m;
    }

    /** Writes the feature in storage coordinates. */
    public static void write(GeoJsonWriter out, Feature f) {
        out.feature(f.id(), f.geometry(), properties(f), Map.of("meta", meta(f)));
    }
}
