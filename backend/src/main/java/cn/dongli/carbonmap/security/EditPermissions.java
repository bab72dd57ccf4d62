package cn.dongli.carbonmap.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.locationtech.jts.algorithm.InteriorPointArea;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.springframework.stereotype.Component;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureDraft;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;

/**
 * Who may write what: admins every layer; editors the layers granted to them (all if none is named); surveyors only
 * the survey attributes of forest plots (not the geometry, other attributes or free-text extra properties); viewers
 * nothing. An account scoped to a street writes only features whose
 * point-on-surface lies in that street — before and after the edit. Refusals are 403 problems that say why.
 */
@Component
public class EditPermissions {

    /** The kinds of write. */
    public enum Write {
        CREATE, UPDATE, DELETE, IMPORT
    }

    private final FeatureStore store;
    private final LayerCatalog catalog;

    EditPermissions(FeatureStore store, LayerCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    /** What the account may do on each layer: {@code all}, {@code survey} (attributes only) or {@code none}. */
    public Map<String, String> canWrite(Account a) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Layer layer : catalog.all()) {
            out.put(layer.name(), full(a, layer) ? "all" : survey(a, layer) ? "survey" : "none");
        }
        return out;
    }

    private static boolean full(Account a, Layer layer) {
        return a.enabled() && (a.has(Role.ADMIN)
                || (a.has(Role.EDITOR) && (a.layers() == null || a.layers().contains(layer.name()))));
    }

    private static boolean survey(Account a, Layer layer) {
        return a.enabled() && a.has(Role.SURVEYOR) && !layer.editing().surveyAttributes().isEmpty();
    }

    /**
     * Checks that the account may make this kind of write on the layer.
     *
     * @return true if it may only change survey attributes ({@link #checkSurveyChange} must then hold)
     * @throws ProblemException 403 otherwise
     */
    public boolean check(Account a, Layer layer, Write write) {
        if (full(a, layer)) {
            return false;
        }
        if (write == Write.UPDATE && survey(a, layer)) {
            return true;
        }
        throw forbidden("account '" + a.username() + "' (" + roles(a) + ") may not "
                + write.name().toLowerCase() + " features of layer '" + layer.name() + "'");
    }

    /**
     * Checks that an update by a surveyor changes only the survey attributes: not the geometry, another attribute, or
     * an extra property (added, changed or removed).
     *
     * @throws ProblemException 403 otherwise
     */
    public void checkSurveyChange(Layer layer, Feature before, FeatureDraft after) {
        if (!before.geometry().equalsExact(after.geometry(), 1e-9)) {
            throw forbidden("surveyors update the survey attributes of a plot, not its boundary");
        }
        for (var attribute : layer.attributes()) {
            String name = attribute.name();
            if (!layer.editing().surveyAttributes().contains(name)
                    && !Objects.equals(String.valueOf(before.attributes().get(name)),
                    String.valueOf(after.attributes().get(name)))) {
                throw forbidden("surveyors may change only " + String.join(", ", layer.editing().surveyAttributes())
                        + "; '" + name + "' is not one of them");
            }
        }
        // the free-text properties a plot brought on import are not survey attributes: kept exactly as they are
        Map<String, Object> extraBefore = before.extra() == null ? Map.of() : before.extra();
        Map<String, Object> extraAfter = after.extra() == null ? Map.of() : after.extra();
        java.util.Set<String> names = new java.util.TreeSet<>(extraBefore.keySet());
        names.addAll(extraAfter.keySet());
        for (String name : names) {
            if (extraBefore.containsKey(name) != extraAfter.containsKey(name)
                    || !Objects.equals(String.valueOf(extraBefore.get(name)), String.valueOf(extraAfter.get(name)))) {
                throw forbidden("surveyors may change only " + String.join(", ", layer.editing().surveyAttributes())
                        + "; they may not add, change or remove the property '" + name + "'");
            }
        }
    }

    /**
     * Checks that every geometry lies in the account's street (by its point-on-surface), if it is scoped to one.
     *
     * @throws ProblemException 403 if one does not
     */
    public void checkStreet(Account a, List<? extends Geometry> geometries) {
        if (a.streetCode() == null || a.has(Role.ADMIN)) {
            return;
        }
        Street street = street(a.streetCode()).orElseThrow(() -> forbidden("account '" + a.username()
                + "' is scoped to street " + a.streetCode() + ", which the streets layer does not have"));
        for (Geometry g : geometries) {
            if (g != null && !street.prepared().covers(g.getFactory().createPoint(InteriorPointArea.getInteriorPoint(g)))) {
                throw forbidden("account '" + a.username() + "' may edit only features in " + street.name()
                        + "; this feature lies outside it");
            }
        }
    }

    /**
     * Why the account may not place this feature — it lies outside the account's street — or empty if it may (the
     * check of {@link #checkStreet} as a finding rather than a refusal, for the checks run before saving).
     */
    public Optional<String> outsideStreet(Account a, Geometry g) {
        if (a.streetCode() == null || a.has(Role.ADMIN) || g == null || g.isEmpty()) {
            return Optional.empty();
        }
        Optional<Street> street = street(a.streetCode());
        if (street.isEmpty()) {
            return Optional.of("account '" + a.username() + "' is scoped to street " + a.streetCode()
                    + ", which the streets layer does not have");
        }
        return street.get().prepared().covers(g.getFactory().createPoint(InteriorPointArea.getInteriorPoint(g)))
                ? Optional.empty()
                : Optional.of("the feature lies outside " + street.get().name() + ", the only street account '"
                        + a.username() + "' may edit");
    }

    /** A street's name and polygon. */
    public record Street(String code, String name, PreparedGeometry prepared) {
    }

    /** The street of that code, if the streets layer has it. */
    public Optional<Street> street(String code) {
        Feature[] found = new Feature[1];
        store.forEach(catalog.get(LayerCatalog.STREETS), f -> {
            if (code.equals(f.attributes().get("code"))) {
                found[0] = f;
            }
        });
        return Optional.ofNullable(found[0]).map(f -> new Street(code, String.valueOf(f.attributes().get("name")),
                PreparedGeometryFactory.prepare(f.geometry())));
    }

    private static String roles(Account a) {
        return a.roles().stream().map(r -> r.name().toLowerCase()).sorted().reduce((x, y) -> x + ", " + y)
                .orElse("no role");
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }
}
