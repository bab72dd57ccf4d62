package cn.dongli.carbonmap.scenario;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.dongli.carbonmap.audit.AuditLog;
import cn.dongli.carbonmap.edit.FeatureEditor;
import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureDraft;
import cn.dongli.carbonmap.layer.FeatureNotFoundException;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.InvalidFeaturesException;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.security.Account;
import cn.dongli.carbonmap.security.Accounts;
import cn.dongli.carbonmap.security.EditPermissions;
import cn.dongli.carbonmap.security.EditPermissions.Write;

/**
 * Draft edits of a scenario: made, changed, rebased and discarded with the checks of a live edit — who may write the
 * layer (and where: a street-scoped account only in its street), the feature's validity and attributes, inside the
 * district, no overlap with the layer's other features as the scenario has them (the live ones it keeps, and its own
 * drafts) — under the scenario's row lock, so that two drafts saved at once cannot both pass a check the pair breaks.
 * A draft has its own version (If-Match) and history. Nothing is written to the live layers.
 */
@Component
class ScenarioDrafts {

    private final ScenarioStore store;
    private final Scenarios scenarios;
    private final FeatureStore features;
    private final LayerCatalog catalog;
    private final FeatureEditor editor;
    private final EditPermissions permissions;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    ScenarioDrafts(ScenarioStore store, Scenarios scenarios, FeatureStore features, LayerCatalog catalog,
                   FeatureEditor editor, EditPermissions permissions, AuditLog audit,
                   PlatformTransactionManager transactions) {
        this.store = store;
        this.scenarios = scenarios;
        this.features = features;
        this.catalog = catalog;
        this.editor = editor;
        this.permissions = permissions;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * The layer, if drafts may be made in it.
     *
     * @throws ProblemException 422 for zones and streets: a scenario works inside today's units
     */
    Layer draftable(String layer) {
        Layer l = catalog.get(layer);
        if (layer.equals(LayerCatalog.ZONES) || layer.equals(LayerCatalog.STREETS)) {
            throw new ProblemException(422, "unit-layer", "Units are not drafted", "a scenario works inside today's "
                    + "control zones and streets, so '" + layer + "' cannot be drafted; change the live layer instead");
        }
        return l;
    }

    /** Checks that the account may change the scenario and make this kind of write on the layer. */
    Account writer(Scenario s, Layer layer, Write write) {
        scenarios.changeable(s.id());
        Account a = Accounts.required();
        permissions.check(a, layer, write);
        return a;
    }

    /** The scenario's drafts (of a layer, or all), each with its conflict. */
    List<Map<String, Object>> list(Scenario s, String layer) {
        if (layer != null) {
            catalog.get(layer);
        }
        return store.drafts(s.id(), layer).stream().map(d -> ScenarioJson.draft(d, conflict(d).orElse(null))).toList();
    }

    /** The drafts that apply: those not in conflict with their live feature. */
    List<Draft> applied(Scenario s) {
        return store.drafts(s.id(), null).stream().filter(d -> conflict(d).isEmpty()).toList();
    }

    Optional<Scenarios.Conflict> conflict(Draft d) {
        return d.liveId() == null ? Optional.empty() : scenarios.conflict(d.layer(), d.liveId(), d.liveVersion());
    }

    Draft get(Scenario s, Layer layer, long draftId) {
        return store.draft(s.id(), draftId).filter(d -> d.layer().equals(layer.name()))
                .orElseThrow(() -> ProblemException.notFound("unknown-draft", "scenario " + s.id()
                        + " has no draft " + draftId + " in layer '" + layer.name() + "'"));
    }

    // --- writes ---------------------------------------------------------------------------------------------------

    /** A new feature in the scenario. */
    Draft create(Scenario s, Layer layer, Geometry geometry, Map<String, Object> properties) {
        Account a = writer(s, layer, Write.CREATE);
        Draft d = tx.execute(st -> {
            store.lock(s.id());
            FeatureDraft checked = checked(s, layer, geometry, properties, null, null);
            permissions.checkStreet(a, List.of(checked.geometry()));
            Draft made = store.insertDraft(s.id(), "create", null, null, feature(layer, checked, a), a.username());
            store.touch(s.id(), a.username());
            return made;
        });
        audit(a, s, "created", d);
        return d;
    }

    /**
     * A live feature as the scenario has it (update), or without it (delete, {@code geometry} null), made from the
     * live version the client saw.
     *
     * @throws ProblemException 409 {@code live-changed} when the live feature is not at {@code liveVersion}, 409
     *                          {@code draft-exists} when the scenario has a draft of it already
     */
    Draft replace(Scenario s, Layer layer, long liveId, int liveVersion, Geometry geometry,
                  Map<String, Object> properties) {
        boolean delete = geometry == null;
        Account a = writer(s, layer, delete ? Write.DELETE : Write.UPDATE);
        Feature live = features.get(layer, liveId).orElseThrow(() -> new FeatureNotFoundException(layer.name(), liveId));
        if (live.version() != liveVersion) {
            throw liveChanged(live, liveVersion);
        }
        Draft d = tx.execute(st -> {
            store.lock(s.id());
            store.draftOf(s.id(), layer.name(), liveId).ifPresent(existing -> {
                throw new ProblemException(409, "draft-exists", "Draft exists", "scenario " + s.id() + " has draft "
                        + existing.id() + " of feature " + liveId + " already: change that one",
                        Map.of("current", ScenarioJson.draft(existing, conflict(existing).orElse(null))));
            });
            Feature made;
            if (delete) {
                permissions.checkStreet(a, List.of(live.geometry()));
                made = live;
            } else {
                FeatureDraft checked = checked(s, layer, geometry, properties, liveId, null);
                if (permissions.check(a, layer, Write.UPDATE)) {
                    permissions.checkSurveyChange(layer, live, checked);
                }
                permissions.checkStreet(a, List.of(live.geometry(), checked.geometry()));
                made = feature(layer, checked, a);
            }
            Draft stored = store.insertDraft(s.id(), delete ? "delete" : "update", liveId, liveVersion, made,
                    a.username());
            store.touch(s.id(), a.username());
            return stored;
        });
        audit(a, s, "created", d);
        return d;
    }

    /**
     * Changes a draft if it is still at {@code expectedVersion}; with {@code rebaseOn}, it is also made from that
     * (current) version of its live feature, which resolves a conflict by keeping the draft.
     */
    Draft update(Scenario s, Layer layer, long draftId, int expectedVersion, Geometry geometry,
                 Map<String, Object> properties, Integer rebaseOn) {
        Draft before = get(s, layer, draftId);
        Account a = writer(s, layer, before.op().equals("create") ? Write.CREATE : Write.UPDATE);
        if (before.op().equals("delete")) {
            throw new ProblemException(422, "draft-is-deletion", "Deletion draft", "draft " + draftId
                    + " deletes feature " + before.liveId() + " in the scenario: discard it to keep the feature, or "
                    + "discard it and draft a change of the feature");
        }
        Integer liveVersion = before.liveVersion();
        Feature live = null;
        if (before.liveId() != null) {
            live = features.get(layer, before.liveId()).orElse(null);
            if (rebaseOn != null) {
                if (live == null) {
                    throw new ProblemException(409, "live-deleted", "Live feature deleted", "feature "
                            + before.liveId() + " was deleted from the live layer: discard the draft, or draw it again"
                            + " as a new feature");
                }
                if (live.version() != rebaseOn) {
                    throw liveChanged(live, rebaseOn);
                }
                liveVersion = rebaseOn;
            }
        }
        Feature liveNow = live;
        Integer base = liveVersion;
        Draft d = tx.execute(st -> {
            store.lock(s.id());
            FeatureDraft checked = checked(s, layer, geometry, properties, before.liveId(), draftId);
            if (liveNow != null && permissions.check(a, layer, Write.UPDATE)) {
                permissions.checkSurveyChange(layer, liveNow, checked);
            }
            List<Geometry> places = new ArrayList<>(List.of(before.feature().geometry(), checked.geometry()));
            permissions.checkStreet(a, places);
            Draft stored = store.updateDraft(s.id(), draftId, expectedVersion, feature(layer, checked, a), base,
                    rebaseOn != null ? "rebase" : "update", a.username())
                    .orElseThrow(() -> draftConflict(get(s, layer, draftId), expectedVersion));
            store.touch(s.id(), a.username());
            return stored;
        });
        audit(a, s, rebaseOn != null ? "rebased" : "changed", d);
        return d;
    }

    /** Discards a draft: the scenario takes the live feature again (or no longer has the new one). */
    void discard(Scenario s, Layer layer, long draftId, int expectedVersion) {
        Draft d = get(s, layer, draftId);
        Account a = writer(s, layer, d.op().equals("create") ? Write.DELETE : Write.UPDATE);
        permissions.checkStreet(a, List.of(d.feature().geometry()));
        if (d.version() != expectedVersion) {
            throw draftConflict(d, expectedVersion);
        }
        tx.executeWithoutResult(st -> {
            store.lock(s.id());
            if (!store.deleteDraft(d, a.username())) {
                throw draftConflict(get(s, layer, draftId), expectedVersion);
            }
            store.touch(s.id(), a.username());
        });
        audit(a, s, "discarded", d);
    }

    /** The problems a draft save would meet, without saving. */
    List<InvalidFeaturesException.FeatureError> check(Scenario s, Layer layer, Geometry geometry,
                                                      Map<String, Object> properties, Long liveId, Long draftId) {
        scenarios.readable(s.id());
        Long live = liveId;
        if (draftId != null) {
            live = get(s, layer, draftId).liveId();
        }
        View view = view(s, layer, geometry.getEnvelopeInternal(), live, draftId);
        return editor.checkInView(layer, geometry, properties, view.hidden(), view.others()).problems();
    }

    List<ScenarioStore.HistoryRow> history(Scenario s, Layer layer, long draftId) {
        List<ScenarioStore.HistoryRow> rows = store.history(s.id(), draftId);
        if (rows.isEmpty() || !rows.get(0).feature().layer().equals(layer.name())) {
            throw ProblemException.notFound("unknown-draft", "scenario " + s.id() + " has no draft " + draftId
                    + " in layer '" + layer.name() + "'");
        }
        return rows;
    }

    // --- checks in the scenario's view of the layer ---------------------------------------------------------------

    /**
     * The layer as the scenario has it, near an envelope: the live features its applied drafts replace or delete
     * ({@code hidden}) and the features its drafts put there ({@code others}, under minus the draft's id).
     */
    private record View(Set<Long> hidden, List<Feature> others) {
    }

    /**
     * @param liveId the live feature being drafted (hidden: it is the one being saved), or null
     * @param draftId the draft being changed (not compared with itself), or null
     */
    private View view(Scenario s, Layer layer, Envelope near, Long liveId, Long draftId) {
        Set<Long> hidden = new HashSet<>();
        if (liveId != null) {
            hidden.add(liveId);
        }
        List<Feature> others = new ArrayList<>();
        for (Draft d : store.drafts(s.id(), layer.name())) {
            if (draftId != null && d.id() == draftId
                    || !d.feature().geometry().getEnvelopeInternal().intersects(near)
                    || conflict(d).isPresent()) {
                continue;
            }
            if (d.liveId() != null) {
                hidden.add(d.liveId());
            }
            if (!d.op().equals("delete")) {
                Feature f = d.feature();
                others.add(new Feature(-d.id(), f.layer(), f.version(), f.geometry(), f.attributes(), f.extra(),
                        f.createdBy(), f.createdAt(), f.updatedBy(), f.updatedAt()));
            }
        }
        return new View(hidden, others);
    }

    private FeatureDraft checked(Scenario s, Layer layer, Geometry geometry, Map<String, Object> properties,
                                 Long liveId, Long draftId) {
        View view = view(s, layer, geometry.getEnvelopeInternal(), liveId, draftId);
        FeatureEditor.Checked checked = editor.checkInView(layer, geometry, properties, view.hidden(), view.others());
        // the street is checked by the caller as a refusal (403), like a live edit
        List<InvalidFeaturesException.FeatureError> problems = checked.problems().stream()
                .filter(p -> !p.code().equals("outside_street")).toList();
        if (!problems.isEmpty()) {
            throw new InvalidFeaturesException(layer, problems, 1);
        }
        return checked.draft();
    }

    private static Feature feature(Layer layer, FeatureDraft d, Account a) {
        Instant now = Instant.now();
        return new Feature(0, layer.name(), 1, d.geometry(), d.attributes(), d.extra(), a.username(), now,
                a.username(), now);
    }

    private static ProblemException liveChanged(Feature live, int expected) {
        return new ProblemException(409, "live-changed", "Live feature changed", "feature " + live.id()
                + " of layer '" + live.layer() + "' is at version " + live.version() + ", not " + expected
                + ": it was changed in the live layer after you loaded it", Map.of("currentVersion", live.version(),
                "expectedVersion", expected, "current", ScenarioJson.live(live)));
    }

    private ProblemException draftConflict(Draft current, int expected) {
        return new ProblemException(409, "version-conflict", "Edit conflict", "draft " + current.id() + " is at version "
                + current.version() + ", not " + expected + ": someone saved it after you loaded it",
                Map.of("currentVersion", current.version(), "expectedVersion", expected,
                        "current", ScenarioJson.draft(current, conflict(current).orElse(null))));
    }

    private void audit(Account a, Scenario s, String what, Draft d) {
        audit.record(a.username(), "scenario-draft", "scenario " + s.id() + " '" + s.name() + "': draft " + d.id()
                + " (" + d.op() + (d.liveId() == null ? "" : " of feature " + d.liveId()) + ") of " + d.layer()
                + " " + what);
    }
}
