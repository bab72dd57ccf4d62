package cn.dongli.carbonmap.layer;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import cn.dongli.carbonmap.error.ProblemException;

/** 404: the request names a layer the catalogue does not have. */
public class UnknownLayerException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public UnknownLayerException(String name, Collection<String> known) {
        super(404, "unknown-layer", "Unknown layer",
                "there is no layer '" + name + "'; the layers are " + String.join(", ", known),
                Map.of("layers", List.copyOf(known)));
    }
}
