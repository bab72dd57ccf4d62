package cn.dongli.carbonmap.edit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.locationtech.jts.algorithm.InteriorPointArea;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.dongli.carbonmap.audit.AuditLog;
import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.geom.CoordinateTransform;
import cn.dongli.carbonmap.geom.EqualAreaProjection;
import cn.dongli.carbonmap.geom.GeometryProblem;
import cn.dongli.carbonmap.geom.Geometries;
import cn.dongli.carbonmap.geom.Overlays;
import cn.dongli.carbonmap.geom.PolygonSplitter;
import cn.dongli.carbonmap.layer.Change;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureDraft;
import cn.dongli.carbonmap.layer.FeatureJson;
import cn.dongli.carbonmap.layer.FeatureNotFoundException;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.FeatureValidator;
import cn.dongli.carbonmap.layer.HistoryEntry;
import cn.dongli.carbonmap.layer.InvalidFeaturesException;
import cn.dongli.carbonmap.layer.InvalidFeaturesException.FeatureError;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.layer.VersionConflictException;
import cn.dongli.carbonmap.security.Account;
import cn.dongli.carbonmap.security.Accounts;
import cn.dongli.carbonmap.security.EditPermissions;
import cn.dongli.carbonmap.security.EditPermissions.Write;

/**
 * Every write to the layers. Each operation: who may do it ({@link EditPermissions}), whether the result is valid
 * ({@link FeatureValidator}), then — in one transaction under the layer's write lock — whether it fits among the
 * other features ({@link EditRules}), the version still matches, and the write with its history. Nothing is
 * written when any check fails.
 */
@Component
public class FeatureEditor {

    /** Undo reverts edits of at most this many features (an import is re-imported, not undone). */
    static final int MAX_UNDO_FEATURES = 200;

    private final FeatureStore store;
    private final LayerCatalog catalog;
    private final FeatureValidator validator;
    private final EditPermissions permissions;
    private final EditRules rules;
    private final TransactionTemplate tx;
    private final AuditLog audit;

    FeatureEditor(FeatureStore store, LayerCatalog catalog, FeatureValidator validator, EditPermissions permissions,
                  EditRules rules, PlatformTransactionManager transactions, AuditLog audit) {
        this.audit = audit;
        this.store = store;
        this.catalog = catalog;
        this.validator = validator;
        this.permissions = permissions;
        this.rules = rules;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * Checks, before anything is read or validated, that the signed-in account may make this kind of write on the
     * layer: a refusal says nothing about the request's content.
     *
     * @throws ProblemException 401 or 403
     */
    public Account require(Layer layer, Write write) {
        Account a = Accounts.required();
        permissions.check(a, layer, write);
        return a;
    }

    /**
     * Checks that the signed-in account may write something (to use the checks of a save, or undo).
     *
     * @throws ProblemException 401 or 403
     */
    public Account requireWriter() {
        Account a = Accounts.required();
        if (permissions.canWrite(a).values().stream().allMatch("none"::equals)) {
            throw new ProblemException(403, "forbidden", "Forbidden",
                    "account '" + a.username() + "' may not write to any layer");
        }
        return a;
    }

    /** Creates a feature (geometry in CGCS2000 longitude/latitude). */
    public Feature create(Layer layer, Geometry geometry, Map<String, Object> properties) {
        Account a = Accounts.required();
        permissions.check(a, layer, Write.CREATE);
        FeatureDraft draft = validated(layer, geometry, properties);
        permissions.checkStreet(a, List.of(draft.geometry()));
        return tx.execute(s -> {
            store.lockForWrite(layer);
            checkRules(layer, draft, Set.of());
            return store.insert(layer, draft, Change.by(a.username(), "create"));
        });
    }

    /** Replaces a feature's geometry and attributes if it is still at {@code expectedVersion}. */
    public Feature update(Layer layer, long id, int expectedVersion, Geometry geometry, Map<String, Object> properties) {
        Account a = Accounts.required();
        Feature before = current(layer, id, expectedVersion);
        boolean surveyOnly = permissions.check(a, layer, Write.UPDATE);
        FeatureDraft draft = validated(layer, geometry, properties);
        if (surveyOnly) {
            permissions.checkSurveyChange(layer, before, draft);
        }
        permissions.checkStreet(a, List.of(before.geometry(), draft.geometry()));
        return tx.execute(s -> {
            store.lockForWrite(layer);
            checkRules(layer, draft, Set.of(id));
            return store.update(layer, id, expectedVersion, draft, Change.by(a.username(), "update"));
        });
    }

    /** Deletes a feature if it is still at {@code expectedVersion}. */
    public void delete(Layer layer, long id, int expectedVersion) {
        Account a = require(layer, Write.DELETE);
        Feature before = current(layer, id, expectedVersion);
        permissions.checkStreet(a, List.of(before.geometry()));
        tx.executeWithoutResult(s -> store.delete(layer, id, expectedVersion, Change.by(a.username(), "delete")));
    }

    /** The result of a split: the feature deleted and its parts. */
    public record Split(long deleted, List<Feature> created) {
    }

    /**
     * Splits a feature along a line drawn across it: the parts replace it, with its attributes (stock and other
     * area-bound figures shared by area, the code suffixed -1, -2 …).
     */
    public Split split(Layer layer, long id, int expectedVersion, LineString line) {
        Account a = require(layer, Write.CREATE);
        permissions.check(a, layer, Write.DELETE);
        Feature before = current(layer, id, expectedVersion);
        List<Polygon> parts = PolygonSplitter.split(before.geometry(), line);
        if (parts.size() < 2) {
            throw new ProblemException(422, "split-failed", "Split failed",
                    "the line does not cut feature " + id + " into parts: draw it across the feature, edge to edge");
        }
        double total = EqualAreaProjection.DONGLI.area(before.geometry());
        List<FeatureDraft> drafts = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            double share = EqualAreaProjection.DONGLI.area(parts.get(i)) / total;
            Map<String, Object> props = FeatureJson.properties(before);
            for (String extensive : layer.editing().extensiveAttributes()) {
                if (props.get(extensive) instanceof Number n) {
                    props.put(extensive, round(n.doubleValue() * share));
                }
            }
            String code = layer.editing().codeAttribute();
            if (code != null && props.get(code) != null) {
                props.put(code, props.get(code) + "-" + (i + 1));
            }
            drafts.add(validated(layer, parts.get(i), props));
        }
        List<Geometry> geometries = new ArrayList<>(List.of(before.geometry()));
        drafts.forEach(d -> geometries.add(d.geometry()));
        permissions.checkStreet(a, geometries);
        Change change = Change.by(a.username(), "split");
        return tx.execute(s -> {
            store.lockForWrite(layer);
            store.delete(layer, id, expectedVersion, change);
            List<Feature> created = new ArrayList<>();
            for (FeatureDraft d : drafts) {
                checkRules(layer, d, Set.of(id));
                created.add(store.insert(layer, d, change));
            }
            return new Split(id, created);
        });
    }

    /** A feature named with the version the client saw. */
    public record Versioned(long id, int version) {
    }

    /** The result of a merge: the merged feature and the ids merged into it. */
    public record Merge(Feature feature, List<Long> deleted) {
    }

    /**
     * Merges features into the first: its attributes, area-bound figures summed, the union of the geometries; the
     * others are deleted.
     */
    public Merge merge(Layer layer, List<Versioned> targets) {
        Account a = require(layer, Write.UPDATE);
        permissions.check(a, layer, Write.DELETE);
        if (targets == null || targets.size() < 2) {
            throw ProblemException.badRequest("invalid-merge", "name at least two features to merge");
        }
        List<Feature> features = new ArrayList<>();
        Set<Long> ids = new HashSet<>();
        for (Versioned v : targets) {
            if (v == null) {
                throw ProblemException.badRequest("invalid-merge", "feature " + (features.size() + 1)
                        + " of the merge is null: name each as {\"id\": n, \"version\": n}");
            }
            if (!ids.add(v.id())) {
                throw ProblemException.badRequest("invalid-merge", "feature " + v.id() + " is named twice");
            }
            features.add(current(layer, v.id(), v.version()));
        }
        Feature first = features.get(0);
        Map<String, Object> props = FeatureJson.properties(first);
        for (String extensive : layer.editing().extensiveAttributes()) {
            double sum = 0;
            boolean any = false;
            for (Feature f : features) {
                if (f.attributes().get(extensive) instanceof Number n) {
                    sum += n.doubleValue();
                    any = true;
                }
            }
            if (any) {
                props.put(extensive, round(sum));
            }
        }
        List<Geometry> geometries = features.stream().map(f -> (Geometry) f.geometry()).toList();
        Geometry union = Overlays.union(new ArrayList<>(geometries), Geometries.STORAGE);
        FeatureDraft draft = validated(layer, union, props);
        List<Geometry> all = new ArrayList<>(geometries);
        all.add(draft.geometry());
        permissions.checkStreet(a, all);
        Change change = Change.by(a.username(), "merge");
        return tx.execute(s -> {
            store.lockForWrite(layer);
            checkRules(layer, draft, ids);
            Feature merged = store.update(layer, first.id(), targets.get(0).version(), draft, change);
            List<Long> deleted = new ArrayList<>();
            for (int i = 1; i < targets.size(); i++) {
                store.delete(layer, targets.get(i).id(), targets.get(i).version(), change);
                deleted.add(targets.get(i).id());
            }
            return new Merge(merged, deleted);
        });
    }

    /** A feature's history, newest first. */
    public List<HistoryEntry> history(Layer layer, long id) {
        List<HistoryEntry> h = store.history(layer, id);
        if (h.isEmpty() && store.get(layer, id).isEmpty()) {
            throw new FeatureNotFoundException(layer.name(), id);
        }
        return h;
    }

    /**
     * Restores an earlier version as a new version: over the current feature if it still exists (which must be at
     * {@code currentVersion}), or under its old id if it was deleted.
     */
    public Feature restore(Layer layer, long id, int version, Integer currentVersion) {
        Account a = Accounts.required();
        List<HistoryEntry> history = history(layer, id);
        HistoryEntry wanted = history.stream().filter(h -> h.version() == version && !h.deleted()).findFirst()
                .orElseThrow(() -> ProblemException.notFound("unknown-version",
                        "feature " + id + " of layer '" + layer.name() + "' has no version " + version));
        FeatureDraft draft = validated(layer, wanted.state().geometry(), FeatureJson.properties(wanted.state()));
        Optional<Feature> now = store.get(layer, id);
        Change change = Change.by(a.username(), "restore");
        if (now.isPresent()) {
            if (currentVersion == null) {
                throw new ProblemException(428, "precondition-required", "If-Match required",
                        "send the current version of the feature in If-Match");
            }
            Feature before = current(layer, id, currentVersion);
            boolean surveyOnly = permissions.check(a, layer, Write.UPDATE);
            if (surveyOnly) {
                permissions.checkSurveyChange(layer, before, draft);
            }
            permissions.checkStreet(a, List.of(before.geometry(), draft.geometry()));
            return tx.execute(s -> {
                store.lockForWrite(layer);
                checkRules(layer, draft, Set.of(id));
                return store.update(layer, id, currentVersion, draft, change);
            });
        }
        permissions.check(a, layer, Write.CREATE);
        permissions.checkStreet(a, List.of(draft.geometry()));
        int next = history.stream().mapToInt(HistoryEntry::version).max().orElse(0) + 1;
        return tx.execute(s -> {
            store.lockForWrite(layer);
            checkRules(layer, draft, Set.of(id));
            return store.reinsert(layer, id, next, draft, change);
        });
    }

    /** What an undo reverted: each feature's layer, id and new version (null where the undo removed it). */
    public record Undone(String op, List<Map<String, Object>> features) {
    }

    /**
     * Reverts the account's latest edit that has not been undone: each feature it touched goes back to its state
     * before the edit, if nobody changed it since (else 409 and nothing is reverted).
     */
    public Undone undo() {
        Account a = requireWriter();
        List<HistoryEntry> edit = store.lastEdit(a.username());
        if (edit.isEmpty()) {
            throw ProblemException.notFound("nothing-to-undo", "you have no edit left to undo");
        }
        if (edit.size() > MAX_UNDO_FEATURES) {
            throw new ProblemException(409, "undo-too-large", "Edit too large to undo",
                    "the last edit (" + edit.get(0).op() + ") touched " + edit.size()
                            + " features; re-import the previous data or restore features from their history");
        }
        String editId = edit.get(0).editId();
        // the edit's last row per feature: the feature's state after the edit
        Map<String, HistoryEntry> after = new LinkedHashMap<>();
        for (HistoryEntry e : edit) {
            after.putIfAbsent(e.layer() + "/" + e.featureId(), e);
        }
        long firstRow = edit.stream().mapToLong(HistoryEntry::id).min().orElseThrow();
        Change change = Change.by(a.username(), "undo");
        List<Map<String, Object>> reverted = new ArrayList<>();
        tx.executeWithoutResult(s -> {
            for (HistoryEntry e : after.values()) {
                Layer layer = catalog.get(e.layer());
                store.lockForWrite(layer);
                List<HistoryEntry> rows = store.history(layer, e.featureId());
                Optional<HistoryEntry> previous = rows.stream().filter(h -> h.id() < firstRow)
                        .max(Comparator.comparingLong(HistoryEntry::id));
                // changed since the edit, unless every later change was itself undone
                boolean changedSince = rows.stream().anyMatch(h -> h.id() > e.id() && !h.undone()
                        && !h.op().equals("undo"));
                Optional<Feature> now = store.get(layer, e.featureId());
                if (changedSince || now.isPresent() == e.deleted()) {
                    throw changedSince(layer, e);
                }
                Integer version;
                if (e.deleted()) {
                    FeatureDraft draft = validated(layer, e.state().geometry(), FeatureJson.properties(e.state()));
                    permissions.check(a, layer, Write.CREATE);
                    permissions.checkStreet(a, List.of(draft.geometry()));
                    checkRules(layer, draft, Set.of(e.featureId()));
                    int next = rows.stream().mapToInt(HistoryEntry::version).max().orElse(e.version()) + 1;
                    store.reinsert(layer, e.featureId(), next, draft, change);
                    version = next;
                } else if (previous.isEmpty() || previous.get().deleted()) {
                    permissions.check(a, layer, Write.DELETE);
                    permissions.checkStreet(a, List.of(now.get().geometry()));
                    store.delete(layer, e.featureId(), now.get().version(), change);
                    version = null;
                } else {
                    Feature state = previous.get().state();
                    FeatureDraft draft = validated(layer, state.geometry(), FeatureJson.properties(state));
                    permissions.check(a, layer, Write.UPDATE);
                    permissions.checkStreet(a, List.of(now.get().geometry(), draft.geometry()));
                    checkRules(layer, draft, Set.of(e.featureId()));
                    store.update(layer, e.featureId(), now.get().version(), draft, change);
                    version = now.get().version() + 1;
                }
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("layer", e.layer());
                f.put("id", e.featureId());
                f.put("version", version);
                reverted.add(f);
            }
            store.markUndone(editId);
        });
        return new Undone(edit.get(0).op(), reverted);
    }

    private static ProblemException changedSince(Layer layer, HistoryEntry e) {
        return new ProblemException(409, "changed-since", "Changed since",
                "feature " + e.featureId() + " of layer '" + layer.name() + "' was changed after your edit; "
                        + "nothing was undone (restore a version from its history instead)");
    }

    /** The problems a save would meet, without saving: validation and the rules across features. */
    public List<InvalidFeaturesException.FeatureError> check(Layer layer, Geometry geometry,
                                                              Map<String, Object> properties, Long excludeId) {
        return checkInView(layer, geometry, properties, excludeId == null ? Set.of() : Set.of(excludeId), List.of())
                .problems();
    }

    /**
     * What the checks of a save found: the feature ready to write, or null when it is invalid, and every problem
     * (validation, the rules across features, the account's street).
     */
    public record Checked(FeatureDraft draft, List<FeatureError> problems) {
    }

    /**
     * The checks of a save in a view of the layer other than the stored one — a planning scenario's, where some
     * stored features are replaced or deleted ({@code hidden}) and others added ({@code others}, under negative ids:
     * minus the draft's id): the same validation and rules as a live save (inside the district, no overlap with the
     * layer's other features in that view), and whether the feature lies in the account's street.
     */
    public Checked checkInView(Layer layer, Geometry geometry, Map<String, Object> properties, Set<Long> hidden,
                               List<Feature> others) {
        FeatureValidator.Checked checked = validator.check(layer, geometry, CoordinateTransform.IDENTITY, properties);
        List<FeatureError> out = new ArrayList<>();
        for (FeatureValidator.Problem p : checked.problems()) {
            out.add(new FeatureError(0, p.code(), p.message(), p.location()));
        }
        if (checked.valid()) {
            for (GeometryProblem p : rules.problems(layer, checked.draft(), hidden, others)) {
                out.add(new FeatureError(0, p.code(), p.message(), p.point()));
            }
            Geometry g = checked.draft().geometry();
            permissions.outsideStreet(Accounts.required(), g).ifPresent(reason -> {
                Coordinate at = InteriorPointArea.getInteriorPoint(g);
                out.add(new FeatureError(0, "outside_street", reason, new double[] {at.x, at.y}));
            });
        }
        return new Checked(checked.draft(), out);
    }

    /**
     * Writes an import: the rules across features, then all features in one transaction under the layer's lock.
     *
     * @param drafts the valid features of the file, by their index in it
     * @param errors the problems already found (validation); rule problems are added
     * @param account who imports, or null for the system (the sample data)
     * @return the number written
     * @throws InvalidFeaturesException if any feature is refused and {@code skipInvalid} is false
     */
    public int importDrafts(Layer layer, Map<Integer, FeatureDraft> drafts, int total, List<FeatureError> errors,
                            boolean replace, boolean skipInvalid, Account account) {
        String actor = account == null ? "system" : account.username();
        if (account != null) {
            permissions.check(account, layer, Write.IMPORT);
            if (account.streetCode() != null && replace) {
                throw new ProblemException(403, "forbidden", "Forbidden", "an account scoped to a street cannot "
                        + "replace a whole layer; append the features of its street instead");
            }
            permissions.checkStreet(account, drafts.values().stream().map(d -> (Geometry) d.geometry()).toList());
        }
        Integer written = tx.execute(s -> {
            store.lockForWrite(layer);
            List<Integer> indices = new ArrayList<>(drafts.keySet());
            List<FeatureDraft> list = indices.stream().map(drafts::get).toList();
            Map<Integer, List<GeometryProblem>> ruleProblems = rules.batchProblems(layer, list, replace);
            Set<Integer> refused = new HashSet<>();
            for (Map.Entry<Integer, List<GeometryProblem>> e : ruleProblems.entrySet()) {
                int index = indices.get(e.getKey());
                refused.add(e.getKey());
                for (GeometryProblem p : e.getValue()) {
                    errors.add(new FeatureError(index, p.code(), p.message(), p.point()));
                }
            }
            if (!errors.isEmpty() && !skipInvalid) {
                errors.sort(Comparator.comparingInt(FeatureError::index));
                throw new InvalidFeaturesException(layer, errors, total);
            }
            List<FeatureDraft> accepted = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (!refused.contains(i)) {
                    accepted.add(list.get(i));
                }
            }
            if (accepted.isEmpty() && !replace) {
                return 0;
            }
            return store.importFeatures(layer, accepted, replace, Change.by(actor, "import"));
        });
        if (account != null && written != null && (replace || written > 0)) {
            audit.record(actor, replace ? "layer-replaced" : "layer-appended", layer.name() + ": " + written
                    + " features imported");
        }
        return written == null ? 0 : written;
    }

    private Feature current(Layer layer, long id, int expectedVersion) {
        Feature f = store.get(layer, id).orElseThrow(() -> new FeatureNotFoundException(layer.name(), id));
        if (f.version() != expectedVersion) {
            throw new VersionConflictException(f, expectedVersion);
        }
        return f;
    }

    private FeatureDraft validated(Layer layer, Geometry geometry, Map<String, Object> properties) {
        FeatureValidator.Checked checked = validator.check(layer, geometry, CoordinateTransform.IDENTITY, properties);
        if (!checked.valid()) {
            throw InvalidFeaturesException.of(layer, checked.problems());
        }
        return checked.draft();
    }

    private void checkRules(Layer layer, FeatureDraft draft, Set<Long> exclude) {
        List<GeometryProblem> problems = rules.problems(layer, draft, exclude);
        if (!problems.isEmpty()) {
            List<FeatureValidator.Problem> list = problems.stream()
                    .map(p -> new FeatureValidator.Problem(p.code(), p.message(), p.point())).toList();
            throw InvalidFeaturesException.of(layer, list);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
