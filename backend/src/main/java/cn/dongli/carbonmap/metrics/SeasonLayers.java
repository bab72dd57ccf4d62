package cn.dongli.carbonmap.metrics;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.dongli.carbonmap.layer.Feature;

/**
 * The frozen layers of a survey season (调查季), supplied by the survey feature: the indicators of a season are
 * computed with these in place of the live ones (the other layers are live).
 */
public interface SeasonLayers {

    /**
     * The season's frozen features by layer name (forest_plots, and land_cover if it was frozen too).
     *
     * @return empty if there is no closed season of that code
     */
    Optional<Map<String, List<Feature>>> frozen(String season);

    /** No seasons. */
    SeasonLayers NONE = season -> Optional.empty();
}
