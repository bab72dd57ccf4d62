package cn.dongli.carbonmap.metrics;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.LayerCatalog;

/**
 * What a planning scenario (规划情景) assumes, in the engine's terms, applied to the live layers feature by feature:
 * which project statuses count as done (and up to which project year), explicit choices per project, and draft edits.
 * A scenario is always "the live layers + these assumptions": a live feature edited since a draft of it was made is
 * left as it is live (the draft is in conflict), so nothing is applied to a state it was not made for.
 *
 * <p>Immutable; a changed scenario is a new instance, and the engine works out what differs between the two.
 */
public final class Assumptions {

    /** The project layers and the status a project counted as done takes in them. */
    private static final Map<String, String> DONE_ATTRIBUTE = Map.of(LayerCatalog.PARKS, "status",
            LayerCatalog.FARMLAND, "status");

    private final int year;
    private final Map<String, Set<String>> countAsDone;
    private final Integer countAsDoneUpToYear;
    private final Map<String, Map<Long, Boolean>> choices;
    private final Map<ModelVariant.Key, Draft> drafts = new LinkedHashMap<>();

    /**
     * A draft edit, as the engine applies it.
     *
     * @param id the draft's id (a new feature enters the engine under the id {@code -id})
     * @param version the draft's version (a changed draft has a higher one)
     * @param layer its layer
     * @param liveId the live feature it replaces or deletes, or null for a new feature
     * @param liveVersion the version of the live feature it was made from (null for a new feature)
     * @param feature the feature as drafted (its id is not used), or null for a deletion
     */
    public record Draft(long id, int version, String layer, Long liveId, Integer liveVersion, Feature feature) {
    }

    /**
     * @param year the scenario's target year: targets are judged for it
     * @param countAsDone per project layer ({@code parks}, {@code farmland}), the statuses counted as done
     * @param countAsDoneUpToYear if not null, projects whose year is later are not counted by status (projects
     *                            without a year still are)
     * @param choices per project layer, explicit choices by feature id: true counted as done, false not (over the
     *                status rule)
     * @param drafts the draft edits (at most one per live feature)
     */
    public Assumptions(int year, Map<String, Set<String>> countAsDone, Integer countAsDoneUpToYear,
                       Map<String, Map<Long, Boolean>> choices, List<Draft> drafts) {
        this.year = year;
        this.countAsDone = copy(countAsDone);
        this.countAsDoneUpToYear = countAsDoneUpToYear;
        Map<String, Map<Long, Boolean>> c = new HashMap<>();
        choices.forEach((layer, m) -> {
            if (!m.isEmpty()) {
                c.put(layer, Map.copyOf(m));
            }
        });
        this.choices = Map.copyOf(c);
        for (Draft d : drafts) {
            this.drafts.put(keyOf(d), d);
        }
    }

    private static Map<String, Set<String>> copy(Map<String, Set<String>> m) {
        Map<String, Set<String>> out = new HashMap<>();
        m.forEach((layer, statuses) -> {
            if (!statuses.isEmpty()) {
                out.put(layer, Set.copyOf(statuses));
            }
        });
        return Map.copyOf(out);
    }

    private static ModelVariant.Key keyOf(Draft d) {
        return new ModelVariant.Key(d.layer(), d.liveId() != null ? d.liveId() : -d.id());
    }

    /** The scenario's target year. */
    public int year() {
        return year;
    }

    /** The layers whose projects the assumptions may count as done, with the statuses counted by rule. */
    Map<String, Set<String>> countAsDone() {
        return countAsDone;
    }

    /** The live features named by a choice or a draft, by layer (they may be changed whatever their status). */
    Map<String, Set<Long>> namedFeatures() {
        Map<String, Set<Long>> out = new HashMap<>();
        choices.forEach((layer, m) -> out.computeIfAbsent(layer, k -> new HashSet<>()).addAll(m.keySet()));
        for (Draft d : drafts.values()) {
            if (d.liveId() != null) {
                out.computeIfAbsent(d.layer(), k -> new HashSet<>()).add(d.liveId());
            }
        }
        return out;
    }

    /** Whether the scenario has a draft edit of a live feature (in conflict or not). */
    public boolean hasDraftOf(String layer, long liveId) {
        return liveId > 0 && drafts.containsKey(new ModelVariant.Key(layer, liveId));
    }

    /** The scenario's draft edits of a layer. */
    public List<Draft> drafts(String layer) {
        return drafts.values().stream().filter(d -> d.layer().equals(layer)).toList();
    }

    /** The features the scenario adds (new drafts), under their engine ids, with the status rules applied. */
    List<Feature> added() {
        return drafts.values().stream().filter(d -> d.liveId() == null && d.feature() != null)
                .map(d -> countedAsDone(as(d.feature(), -d.id()))).toList();
    }

    /** The feature a new draft adds under an engine id ({@code -draftId}), if the scenario has that draft. */
    Optional<Feature> added(ModelVariant.Key key) {
        Draft d = drafts.get(key);
        return d == null || d.liveId() != null || d.feature() == null ? Optional.empty()
                : Optional.of(countedAsDone(as(d.feature(), key.id())));
    }

    /**
     * What the scenario makes of a live feature: the same instance when it leaves it as it is, another feature (a
     * draft, or the project counted as done), or empty when it deletes it.
     */
    public Optional<Feature> apply(Feature live) {
        Feature f = live;
        Draft d = drafts.get(new ModelVariant.Key(live.layer(), live.id()));
        if (d != null && Objects.equals(d.liveVersion(), live.version())) {
            if (d.feature() == null) {
                return Optional.empty();
            }
            f = as(d.feature(), live.id());
        }
        return Optional.of(countedAsDone(f));
    }

    /** The feature with its status set to done if the rules or a choice count it so, else the feature itself. */
    private Feature countedAsDone(Feature f) {
        String attribute = DONE_ATTRIBUTE.get(f.layer());
        if (attribute == null) {
            return f;
        }
        String done = doneStatus(f.layer());
        Object status = f.attributes().get(attribute);
        if (done.equals(status)) {
            return f;
        }
        Boolean choice = choices.getOrDefault(f.layer(), Map.of()).get(f.id());
        boolean counted;
        if (choice != null) {
            counted = choice;
        } else {
            Object projectYear = f.attributes().get("year");
            counted = countAsDone.getOrDefault(f.layer(), Set.of()).contains(status)
                    && (countAsDoneUpToYear == null || !(projectYear instanceof Number n)
                    || n.intValue() <= countAsDoneUpToYear);
        }
        if (!counted) {
            return f;
        }
        Map<String, Object> attributes = new LinkedHashMap<>(f.attributes());
        attributes.put(attribute, done);
        return new Feature(f.id(), f.layer(), f.version(), f.geometry(), attributes, f.extra(), f.createdBy(),
                f.createdAt(), f.updatedBy(), f.updatedAt());
    }

    /** The status a project of the layer has when done: {@code built} for parks, {@code accepted} for farmland. */
    public static String doneStatus(String layer) {
        return switch (layer) {
            case LayerCatalog.PARKS -> "built";
            case LayerCatalog.FARMLAND -> "accepted";
            default -> throw new IllegalArgumentException("layer " + layer + " has no project status");
        };
    }

    /** The layers whose features are projects with a status a scenario may count as done. */
    public static Set<String> projectLayers() {
        return DONE_ATTRIBUTE.keySet();
    }

    private static Feature as(Feature f, long id) {
        return new Feature(id, f.layer(), f.version(), f.geometry(), f.attributes(), f.extra(), f.createdBy(),
                f.createdAt(), f.updatedBy(), f.updatedAt());
    }

    /**
     * The features whose treatment may differ between these assumptions and others (a choice or a draft changed),
     * or null when the status rules differ and every project may.
     */
    Set<ModelVariant.Key> differences(Assumptions other) {
        if (!countAsDone.equals(other.countAsDone) || !Objects.equals(countAsDoneUpToYear, other.countAsDoneUpToYear)) {
            return null;
        }
        Set<ModelVariant.Key> out = new HashSet<>();
        Set<String> layers = new HashSet<>(choices.keySet());
        layers.addAll(other.choices.keySet());
        for (String layer : layers) {
            Map<Long, Boolean> a = choices.getOrDefault(layer, Map.of());
            Map<Long, Boolean> b = other.choices.getOrDefault(layer, Map.of());
            Set<Long> ids = new HashSet<>(a.keySet());
            ids.addAll(b.keySet());
            for (long id : ids) {
                if (!Objects.equals(a.get(id), b.get(id))) {
                    out.add(new ModelVariant.Key(layer, id));
                }
            }
        }
        Set<ModelVariant.Key> keys = new HashSet<>(drafts.keySet());
        keys.addAll(other.drafts.keySet());
        for (ModelVariant.Key k : keys) {
            Draft a = drafts.get(k);
            Draft b = other.drafts.get(k);
            if (a == null || b == null || a.id() != b.id() || a.version() != b.version()
                    || !Objects.equals(a.liveVersion(), b.liveVersion())) {
                out.add(k);
            }
        }
        return out;
    }
}
