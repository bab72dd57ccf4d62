package cn.dongli.carbonmap.layer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.dongli.carbonmap.error.ProblemException;

/**
 * 422: one or more features break the layer's rules; nothing was written. The {@code errors} member lists each
 * feature's problems: its index in the request or file, the reason code, the sentence and the location.
 */
public class InvalidFeaturesException extends ProblemException {

    private static final long serialVersionUID = 1L;

    /** One refused feature: where it is in the input and why. */
    public record FeatureError(int index, String code, String reason, double[] location) {
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", index);
            m.put("code", code);
            m.put("reason", reason);
            if (location != null) {
                m.put("location", Map.of("type", "Point", "coordinates", location));
            }
            return m;
        }
    }

    public InvalidFeaturesException(Layer layer, List<FeatureError> errors, int total) {
        super(422, errors.size() == 1 ? errors.get(0).code().replace('_', '-') : "invalid-features",
                "Invalid feature" + (errors.size() == 1 ? "" : "s"), detail(layer, errors, total),
                Map.of("layer", layer.name(), "errors", errors.stream().map(FeatureError::toJson).toList()));
    }

    private static String detail(Layer layer, List<FeatureError> errors, int total) {
        FeatureError first = errors.get(0);
        String where = total > 1 ? "feature " + first.index() + " of " + total : "the feature";
        String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more problems)" : "";
        return where + " is refused by layer '" + layer.name() + "': " + first.reason() + more
                + "; nothing was written";
    }

    /**
     * The answer of the checks of a save without saving ({@code /api/geometry/check} and a scenario's): whether it
     * would pass, and each problem with its code, sentence and place.
     */
    public static Map<String, Object> checkAnswer(List<FeatureError> problems) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("valid", problems.isEmpty());
        m.put("problems", problems.stream().map(p -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("code", p.code());
            e.put("reason", p.reason());
            e.put("location", p.location() == null ? null : Map.of("type", "Point", "coordinates", p.location()));
            return e;
        }).toList());
        return m;
    }

    /** The problems of the single feature of a create or update request. */
    public static InvalidFeaturesException of(Layer layer, List<FeatureValidator.Problem> problems) {
        List<FeatureError> errors = new ArrayList<>();
        for (FeatureValidator.Problem p : problems) {
            errors.add(new FeatureError(0, p.code(), p.message(), p.location()));
        }
        return new InvalidFeaturesException(layer, errors, 1);
    }

    /** One problem of the single feature of a request. */
    public static InvalidFeaturesException single(Layer layer, String reason, String code, double[] location) {
        return new InvalidFeaturesException(layer, List.of(new FeatureError(0, code, reason, location)), 1);
    }
}
