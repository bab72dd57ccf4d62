package cn.dongli.carbonmap.sample;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Polygon;

/**
 * A generated data set: the district outline and, for each of the seven layers, its features.
 *
 * @param seed the seed it was generated from
 * @param scale the scale it was generated at (1 = about 20,000 land-cover polygons)
 * @param outline the district boundary, longitude/latitude
 * @param layers the features of each layer, by layer name, in {@link #LAYERS} order (unmodifiable)
 */
public record SyntheticDistrict(long seed, double scale, Polygon outline, Map<String, List<GeneratedFeature>> layers) {

    /** 管控区 and the barrier's structure. */
    public static final String ZONES = "zones";
    /** The ten 街道. */
    public static final String STREETS = "streets";
    /** The land-cover coverage. */
    public static final String LAND_COVER = "land_cover";
    /** Forest inventory plots (林地小班). */
    public static final String FOREST_PLOTS = "forest_plots";
    /** Parks and green spaces. */
    public static final String PARKS = "parks";
    /** High-standard farmland projects. */
    public static final String FARMLAND = "farmland";
    /** Rooftops and their PV. */
    public static final String PV_ROOFTOPS = "pv_rooftops";
    /** The seven layer names, in the catalogue's order. */
    public static final List<String> LAYERS = List.of(ZONES, STREETS, LAND_COVER, FOREST_PLOTS, PARKS, FARMLAND,
            PV_ROOFTOPS);

    public SyntheticDistrict {
        Map<String, List<GeneratedFeature>> copy = new LinkedHashMap<>();
        for (String layer : LAYERS) {
            copy.put(layer, List.copyOf(layers.getOrDefault(layer, List.of())));
        }
        layers = Collections.unmodifiableMap(copy);
    }

    /** The features of one layer (empty for an unknown name). */
    public List<GeneratedFeature> features(String layer) {
        return layers.getOrDefault(layer, List.of());
    }

    /** The number of features of one layer. */
    public int count(String layer) {
        return features(layer).size();
    }
}
