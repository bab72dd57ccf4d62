package cn.dongli.carbonmap.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Geometry;

import cn.dongli.carbonmap.geom.CoordinateTransform;
import cn.dongli.carbonmap.geom.Crs;
import cn.dongli.carbonmap.geom.GeometryProblem;
import cn.dongli.carbonmap.geom.GeometryValidator;
import cn.dongli.carbonmap.geom.Geometries;

/**
 * The checks every write path applies to a feature before it is stored: transform to storage coordinates, validate
 * the geometry ({@link GeometryValidator}), validate the attributes ({@link AttributeValidator}), normalise the winding.
 */
public final class FeatureValidator {

    private final GeometryValidator geometryValidator;

    public FeatureValidator(GeometryValidator geometryValidator) {
        this.geometryValidator = geometryValidator;
    }

    /** The smallest ground area a polygon may have, m². */
    public double minAreaM2() {
        return geometryValidator.minAreaM2();
    }

    /**
     * One problem of a feature.
     *
     * @param code stable reason code ({@code self_intersection}, {@code invalid_attribute}, …)
     * @param message sentence naming the attribute or the geometry fault
     * @param location longitude/latitude of the fault, or null
     */
    public record Problem(String code, String message, double[] location) {
    }

    /**
     * The outcome: a draft ready to store, or the problems.
     *
     * @param draft the feature to write, or null when there are problems
     * @param problems empty when the draft may be written
     */
    public record Checked(FeatureDraft draft, List<Problem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /**
     * Checks one feature.
     *
     * @param geometry the geometry in its source CRS
     * @param toStorage the transform from the source CRS to CGCS2000 longitude/latitude
     */
    public Checked check(Layer layer, Geometry geometry, CoordinateTransform toStorage, Map<String, Object> properties) {
        List<Problem> problems = new ArrayList<>();
        Geometry stored = null;
        try {
            stored = toStorage.apply(geometry, Crs.CGCS2000);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem("transform_failed", e.getMessage(), null));
        }
        if (stored != null) {
            for (GeometryProblem p : geometryValidator.validate(stored)) {
                problems.add(new Problem(p.code(), p.message(), p.point()));
            }
        }
        AttributeValidator.Result attributes = AttributeValidator.validate(layer, properties);
        for (String message : attributes.problems()) {
            problems.add(new Problem("invalid_attribute", message, null));
        }
        if (!problems.isEmpty()) {
            return new Checked(null, problems);
        }
        return new Checked(new FeatureDraft(Geometries.toStoredMultiPolygon(stored), attributes.attributes(),
                attributes.extra()), List.of());
    }
}
