package cn.dongli.carbonmap.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.dongli.carbonmap.audit.AuditLog;
import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.metrics.Assumptions;
import cn.dongli.carbonmap.metrics.MetricsEngine;
import cn.dongli.carbonmap.metrics.UnitMetrics;
import cn.dongli.carbonmap.security.Account;
import cn.dongli.carbonmap.security.EditPermissions;
import cn.dongli.carbonmap.security.Accounts;
import cn.dongli.carbonmap.security.Role;
import tools.jackson.databind.JsonNode;

/**
 * The scenarios: who may read and change which, their settings and ticks, and their figures. A scenario is private
 * to its author until shared; ADMIN and EDITOR accounts make scenarios; only the author changes one (and admins a
 * shared one). Sharing with all is district-wide: an account scoped to a street neither shares a scenario nor changes
 * a shared one. Every change is in the audit log.
 *
 * <p>The engine's {@link Assumptions} of a scenario are kept by revision: a change reloads the ticks and only the
 * drafts whose version moved, so that the engine sees a small difference and recomputes only its cells.
 */
@Component
class Scenarios {

    static final Set<String> SETTINGS = Set.of("name", "description", "year", "countAsDone", "countAsDoneUpToYear",
            "shared");

    private final ScenarioStore store;
    private final FeatureStore features;
    private final LayerCatalog catalog;
    private final MetricsEngine engine;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Map<Long, Kept> kept = new ConcurrentHashMap<>();

    /** A scenario's assumptions at a revision, with the drafts they were made of (reused while their version holds). */
    private record Kept(long revision, Assumptions assumptions, Map<Long, Draft> drafts) {
    }

    Scenarios(ScenarioStore store, FeatureStore features, LayerCatalog catalog, MetricsEngine engine, AuditLog audit,
              PlatformTransactionManager transactions) {
        this.store = store;
        this.features = features;
        this.catalog = catalog;
        this.engine = engine;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
    }

    // --- who may do what ------------------------------------------------------------------------------------------

    /** Whether the account may make scenarios (ADMIN, EDITOR). */
    static boolean mayCreate(Account a) {
        return a.enabled() && (a.has(Role.ADMIN) || a.has(Role.EDITOR));
    }

    static boolean mayRead(Account a, Scenario s) {
        return s.shared() || s.author().equals(a.username());
    }

    static boolean mayChange(Account a, Scenario s) {
        return mayCreate(a) && (s.author().equals(a.username()) || (s.shared() && a.has(Role.ADMIN)))
                && !(s.shared() && EditPermissions.scoped(a));
    }

    /** A scenario shared with all is the district's: an account scoped to a street keeps its scenarios private. */
    private static void checkSharing(Account a) {
        if (EditPermissions.scoped(a)) {
            throw new ProblemException(403, "forbidden", "Forbidden", "sharing a scenario with all is district-wide:"
                    + " it needs an account without a street scope, and account '" + a.username()
                    + "' is scoped to street " + a.streetCode());
        }
    }

    /**
     * The signed-in account, if it may make and change scenarios.
     *
     * @throws ProblemException 401 when nobody is signed in, 403 for viewers and surveyors
     */
    static Account planner() {
        Account a = Accounts.required();
        if (!mayCreate(a)) {
            throw new ProblemException(403, "forbidden", "Forbidden", "account '" + a.username()
                    + "' may read shared scenarios; making and changing them is for admins and editors");
        }
        return a;
    }

    /**
     * The scenario, if the signed-in account may read it.
     *
     * @throws ProblemException 401 when nobody is signed in, 404 when there is no such scenario or it is another's
     *                          private one (whose existence is not told)
     */
    Scenario readable(long id) {
        Account a = Accounts.required();
        return store.find(id).filter(s -> mayRead(a, s)).orElseThrow(() -> ProblemException.notFound(
                "unknown-scenario", "there is no scenario " + id + " you may read"));
    }

    /**
     * The scenario, if the signed-in account may change it.
     *
     * @throws ProblemException 403 when it may only read it
     */
    Scenario changeable(long id) {
        Account a = planner();
        Scenario s = readable(id);
        if (s.shared() && EditPermissions.scoped(a) && mayCreate(a)) {
            checkSharing(a);
        }
        if (!mayChange(a, s)) {
            throw new ProblemException(403, "scenario-read-only", "Forbidden", "scenario " + id + " ('" + s.name()
                    + "') is " + s.author() + "'s: duplicate it to make changes of your own");
        }
        return s;
    }

    /** The scenarios the signed-in account may read, newest first. */
    List<Scenario> readable() {
        Account a = Accounts.required();
        return store.all().stream().filter(s -> mayRead(a, s)).toList();
    }

    // --- settings -------------------------------------------------------------------------------------------------

    /** Settings as sent: each null when not sent (a PUT keeps what was). */
    private record Settings(String name, String description, boolean descriptionSent, Integer year,
                            Map<String, List<String>> countAsDone, Integer upToYear, boolean upToYearSent,
                            Boolean shared) {
    }

    private Settings settings(JsonNode node) {
        JsonBody b = JsonBody.of(node, SETTINGS);
        String name = b.string("name");
        if (name != null) {
            name = name.strip();
            if (name.isEmpty() || name.length() > 200) {
                throw invalid("name a scenario with 1 to 200 characters");
            }
        }
        String description = b.string("description");
        if (description != null && description.length() > 2000) {
            throw invalid("a description has at most 2,000 characters");
        }
        Integer year = b.integer("year");
        if (year != null && (year < 2000 || year > 2100)) {
            throw invalid("year " + year + " is not a target year (2000–2100), e.g. 2025 or 2030");
        }
        Integer upTo = b.integer("countAsDoneUpToYear");
        if (upTo != null && (upTo < 1949 || upTo > 2100)) {
            throw invalid("countAsDoneUpToYear " + upTo + " is not a project year (1949–2100)");
        }
        return new Settings(name, description, b.has("description"), year, countAsDone(b.node("countAsDone")),
                upTo, b.has("countAsDoneUpToYear"), b.bool("shared"));
    }

    /** {@code {"parks": ["planned", …], "farmland": […]}}, checked against the layers' statuses. */
    private Map<String, List<String>> countAsDone(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw invalid("countAsDone is an object of statuses per layer, e.g. {\"parks\": [\"planned\"]}");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String layer = e.getKey();
            if (!Assumptions.projectLayers().contains(layer)) {
                throw invalid("countAsDone names layer '" + layer + "'; projects with a status are in "
                        + String.join(" and ", Assumptions.projectLayers().stream().sorted().toList()));
            }
            List<String> allowed = catalog.get(layer).attribute("status").orElseThrow().values();
            Set<String> statuses = new LinkedHashSet<>();
            if (!e.getValue().isArray()) {
                throw invalid("countAsDone." + layer + " is a list of statuses, e.g. [\"planned\", \"under_construction\"]");
            }
            for (JsonNode v : e.getValue().values()) {
                if (!v.isString() || !allowed.contains(v.stringValue())) {
                    throw invalid("countAsDone." + layer + " has " + v + ", which is not a status of " + layer + " ("
                            + String.join(", ", allowed) + ")");
                }
                statuses.add(v.stringValue());
            }
            statuses.remove(Assumptions.doneStatus(layer));
            if (!statuses.isEmpty()) {
                out.put(layer, List.copyOf(statuses));
            }
        }
        return out;
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(422, "invalid-scenario", "Invalid scenario", detail);
    }

    /** Makes a scenario of the signed-in account. */
    Scenario create(JsonNode body) {
        Account a = planner();
        Settings s = settings(body);
        if (s.name() == null || s.year() == null) {
            throw invalid("a scenario needs a name and a target year, e.g. {\"name\": \"2025年规划\", \"year\": 2025}");
        }
        if (Boolean.TRUE.equals(s.shared())) {
            checkSharing(a);
        }
        long id = store.insert(s.name(), s.description(), s.year(), a.username(), Boolean.TRUE.equals(s.shared()),
                s.countAsDone() == null ? Map.of() : s.countAsDone(), s.upToYear());
        audit.record(a.username(), "scenario-created", "scenario " + id + " '" + s.name() + "' (" + s.year() + ")");
        return store.find(id).orElseThrow();
    }

    /** Changes the settings sent, if the scenario is still at {@code expectedVersion}. */
    Scenario update(long id, int expectedVersion, JsonNode body) {
        Scenario current = changeable(id);
        Settings s = settings(body);
        Account a = Accounts.required();
        if (Boolean.TRUE.equals(s.shared()) != current.shared() && s.shared() != null
                && !current.author().equals(a.username())) {
            throw new ProblemException(403, "forbidden", "Forbidden", "only its author shares or unshares scenario "
                    + id);
        }
        if (Boolean.TRUE.equals(s.shared())) {
            checkSharing(a);
        }
        boolean done = store.update(id, expectedVersion, s.name() != null ? s.name() : current.name(),
                s.descriptionSent() ? s.description() : current.description(),
                s.year() != null ? s.year() : current.year(), s.shared() != null ? s.shared() : current.shared(),
                s.countAsDone() != null ? s.countAsDone() : current.countAsDone(),
                s.upToYearSent() ? s.upToYear() : current.countAsDoneUpToYear(), a.username());
        if (!done) {
            throw stale(store.find(id).orElseThrow(), expectedVersion);
        }
        Scenario after = store.find(id).orElseThrow();
        audit.record(a.username(), "scenario-changed", "scenario " + id + " '" + after.name() + "': "
                + String.join(", ", body.propertyNames()));
        return after;
    }

    /** 409: the scenario's settings changed since the client read them. */
    ProblemException stale(Scenario current, int expectedVersion) {
        return new ProblemException(409, "version-conflict", "Edit conflict", "scenario " + current.id()
                + " is at version " + current.version() + ", not " + expectedVersion
                + ": someone changed it after you loaded it", Map.of("currentVersion", current.version(),
                "current", ScenarioJson.scenario(current, this)));
    }

    /** Deletes a scenario with its ticks and drafts. */
    void delete(long id, int expectedVersion) {
        Scenario s = changeable(id);
        Boolean done = tx.execute(st -> store.delete(id, expectedVersion));
        if (!Boolean.TRUE.equals(done)) {
            throw stale(store.find(id).orElseThrow(), expectedVersion);
        }
        kept.remove(id);
        engine.forget(id);
        audit.record(Accounts.required().username(), "scenario-deleted", "scenario " + id + " '" + s.name() + "'");
    }

    /** A private copy of a scenario (settings, ticks, drafts) owned by the signed-in account. */
    Scenario duplicate(long id, JsonNode body) {
        Account a = planner();
        Scenario from = readable(id);
        JsonBody b = JsonBody.of(body, Set.of("name"));
        String name = b.string("name") == null ? from.name() + "（副本）" : b.string("name").strip();
        if (name.isEmpty() || name.length() > 200) {
            throw invalid("name a scenario with 1 to 200 characters");
        }
        Long copy = tx.execute(st -> {
            long to = store.insert(name, from.description(), from.year(), a.username(), false, from.countAsDone(),
                    from.countAsDoneUpToYear());
            store.copyChoices(from.id(), to);
            for (Draft d : store.drafts(from.id(), null)) {
                store.insertDraft(to, d.op(), d.liveId(), d.liveVersion(), d.feature(), a.username());
            }
            return to;
        });
        audit.record(a.username(), "scenario-created", "scenario " + copy + " '" + name + "' copied from scenario "
                + from.id());
        return store.find(copy).orElseThrow();
    }

    // --- ticks ----------------------------------------------------------------------------------------------------

    /** Ticks, unticks or gives back to the status rule some projects of a layer. */
    Scenario choose(long id, JsonNode body) {
        Scenario s = changeable(id);
        JsonBody b = JsonBody.of(body, Set.of("layer", "ids", "done"));
        String layer = b.string("layer");
        if (layer == null || !Assumptions.projectLayers().contains(layer)) {
            throw invalid("name the projects' layer: \"layer\": \"parks\" or \"farmland\"");
        }
        List<Long> ids = b.longs("ids");
        if (ids == null || ids.isEmpty()) {
            throw invalid("name the projects: \"ids\": [id, …]");
        }
        if (!b.has("done")) {
            throw invalid("say what to do: \"done\": true (counted as done), false (not) or null (as the rule says)");
        }
        Boolean done = b.bool("done");
        Layer l = catalog.get(layer);
        List<Long> distinct = List.copyOf(new LinkedHashSet<>(ids));
        for (long fid : distinct) {
            if (features.get(l, fid).isEmpty()) {
                throw new ProblemException(422, "unknown-feature", "Unknown project", "layer '" + layer
                        + "' has no feature " + fid + "; nothing was changed");
            }
        }
        String actor = Accounts.required().username();
        tx.executeWithoutResult(st -> {
            store.lock(id);
            store.choose(id, layer, distinct, done);
            store.touch(id, actor);
        });
        audit.record(actor, "scenario-projects", "scenario " + id + " '" + s.name() + "': " + layer + " "
                + distinct + " → " + (done == null ? "as the rule says" : done ? "counted as done" : "not counted"));
        return store.find(id).orElseThrow();
    }

    Map<String, Map<Long, Boolean>> choices(Scenario s) {
        return store.choices(s.id());
    }

    // --- figures --------------------------------------------------------------------------------------------------

    /** The figures of every unit in the scenario (see {@link MetricsEngine#metrics(long, Assumptions)}). */
    List<UnitMetrics> metrics(Scenario s) {
        return engine.metrics(s.id(), assumptions(s));
    }

    /** The engine's assumptions of a scenario at its current revision. */
    Assumptions assumptions(Scenario s) {
        long revision = store.revision(s.id()).orElse(s.revision());
        Kept k = kept.get(s.id());
        if (k != null && k.revision() == revision) {
            return k.assumptions();
        }
        // ticks are few numbers; drafts are reloaded only where their version moved
        Map<Long, Draft> before = k == null ? Map.of() : k.drafts();
        Map<Long, Draft> drafts = new HashMap<>();
        List<Long> missing = new ArrayList<>();
        for (ScenarioStore.DraftKey key : store.draftKeys(s.id())) {
            Draft d = before.get(key.id());
            if (d != null && d.version() == key.version() && java.util.Objects.equals(d.liveVersion(), key.liveVersion())) {
                drafts.put(d.id(), d);
            } else {
                missing.add(key.id());
            }
        }
        if (!missing.isEmpty()) {
            store.drafts(missing).forEach(d -> drafts.put(d.id(), d));
        }
        Scenario now = store.find(s.id()).orElse(s);
        Map<String, Set<String>> rules = new HashMap<>();
        now.countAsDone().forEach((layer, statuses) -> rules.put(layer, Set.copyOf(statuses)));
        List<Assumptions.Draft> list = drafts.values().stream().map(d -> new Assumptions.Draft(d.id(), d.version(),
                d.layer(), d.liveId(), d.liveVersion(), d.op().equals("delete") ? null : d.feature())).toList();
        Assumptions a = new Assumptions(now.year(), rules, now.countAsDoneUpToYear(), store.choices(s.id()), list);
        kept.put(s.id(), new Kept(now.revision(), a, drafts));
        return a;
    }

    /** Per draft of a scenario, its conflict with the live layer now, if any. */
    Map<Long, Conflict> conflicts(Scenario s) {
        Map<Long, Conflict> out = new HashMap<>();
        for (ScenarioStore.DraftKey key : store.draftKeys(s.id())) {
            if (key.liveId() != null) {
                conflict(key.layer(), key.liveId(), key.liveVersion()).ifPresent(c -> out.put(key.id(), c));
            }
        }
        return out;
    }

    /**
     * Why a draft made from a version of a live feature no longer applies: the live feature changed or was deleted.
     *
     * @param live the live feature as it is now (null when deleted)
     */
    record Conflict(String reason, Feature live) {
    }

    Optional<Conflict> conflict(String layer, long liveId, Integer liveVersion) {
        Optional<Feature> live = features.get(catalog.get(layer), liveId);
        if (live.isEmpty()) {
            return Optional.of(new Conflict("deleted", null));
        }
        return live.get().version() == liveVersion ? Optional.empty()
                : Optional.of(new Conflict("changed", live.get()));
    }

    int draftCount(Scenario s) {
        return store.draftKeys(s.id()).size();
    }
}
