package cn.dongli.carbonmap.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.springframework.stereotype.Component;

import cn.dongli.carbonmap.edit.EditSettings;
import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.geom.EditChecks;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureDraft;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;

/**
 * Who may write what: admins every layer; editors the layers granted to them (all if none is named); surveyors only
 * the survey attributes of forest plots (not the geometry, other attributes or free-text extra properties); viewers
 * nothing. An account scoped to a street (an editor or surveyor; an admin's street is ignored) writes only features
 * that lie inside that street, every part of them, beyond no more than the editing tolerance — before and after the
 * edit; and it takes no district-wide action ({@link #checkDistrictWide}): seasons, carbon and PV parameters, plan
 * values, scenarios shared with all, the streets and zones layers. Refusals are 403 problems that say why.
 */
@Component
public class EditPermissions {

    /** The kinds of write. */
    public enum Write {
        CREATE, UPDATE, DELETE, IMPORT
    }

    /** The layers of the whole district: a street-scoped account does not write them. */
    private static final java.util.Set<String> DISTRICT_LAYERS = java.util.Set.of(LayerCatalog.STREETS,
            LayerCatalog.ZONES);

    private final FeatureStore store;
    private final LayerCatalog catalog;
    private final EditChecks.Tolerance tolerance;

    EditPermissions(FeatureStore store, LayerCatalog catalog, EditSettings settings) {
        this.store = store;
        this.catalog = catalog;
        this.tolerance = settings.tolerance();
    }

    /** Whether the account is held to a street: an editor or surveyor with a street (an admin never is). */
    public static boolean scoped(Account a) {
        return a.streetCode() != null && !a.has(Role.ADMIN);
    }

    /**
     * Checks that the account may take an action of the whole district (what it names, e.g. "closing a survey
     * season"): it must not be scoped to a street.
     *
     * @throws ProblemException 403 if it is
     */
    public void checkDistrictWide(Account a, String action) {
        if (scoped(a)) {
            throw forbidden(action + " is district-wide: it needs an account without a street scope, and account '"
                    + a.username() + "' is scoped to street " + a.streetCode());
        }
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
                || (a.has(Role.EDITOR) && (a.layers() == null || a.layers().contains(layer.name()))
                && !(scoped(a) && DISTRICT_LAYERS.contains(layer.name()))));
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
        if (a.enabled() && a.has(Role.EDITOR) && scoped(a) && DISTRICT_LAYERS.contains(layer.name())) {
            throw forbidden("the " + layer.name() + " layer is district-wide: it needs an account without a street"
                    + " scope, and account '" + a.username() + "' is scoped to street " + a.streetCode());
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
     * Checks that every geometry lies in the account's street, if it is scoped to one: every part of it, beyond the
     * street's edge by no more than the editing tolerance (a boundary drawn twice).
     *
     * @throws ProblemException 403 if one does not
     */
    public void checkStreet(Account a, List<? extends Geometry> geometries) {
        for (Geometry g : geometries) {
            outsideStreet(a, g).ifPresent(reason -> {
                throw forbidden(reason);
            });
        }
    }

    /**
     * Why the account may not place this feature — a part of it lies outside the account's street — or empty if it
     * may (the check of {@link #checkStreet} as a finding rather than a refusal, for the checks run before saving).
     */
    public Optional<String> outsideStreet(Account a, Geometry g) {
        if (!scoped(a) || g == null || g.isEmpty()) {
            return Optional.empty();
        }
        Optional<Street> street = street(a.streetCode());
        if (street.isEmpty()) {
            return Optional.of("account '" + a.username() + "' is scoped to street " + a.streetCode()
                    + ", which the streets layer does not have");
        }
        Street s = street.get();
        EditChecks.Area area = new EditChecks.Area(s.prepared().getGeometry(), s.prepared());
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            // a part wholly beyond the street is refused however small; one that reaches over its edge if what lies
            // beyond is more than noise
            boolean away = !part.isEmpty() && !s.prepared().intersects(part.getInteriorPoint());
            if (away || EditChecks.outside(part, area, tolerance) != null) {
                return Optional.of("account '" + a.username() + "' may edit only features inside " + s.name()
                        + (g.getNumGeometries() > 1 ? "; part " + (i + 1) + " of this feature" : "; this feature")
                        + " lies outside it");
            }
        }
        return Optional.empty();
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
