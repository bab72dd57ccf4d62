package cn.dongli.carbonmap.layer;

import cn.dongli.carbonmap.error.ProblemException;

/** 404: the layer has no feature with that id. */
public class FeatureNotFoundException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public FeatureNotFoundException(String layer, long id) {
        super(404, "feature-not-found", "Feature not found", "layer '" + layer + "' has no feature " + id);
    }
}
