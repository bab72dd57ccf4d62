package cn.dongli.carbonmap.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import cn.dongli.carbonmap.layer.AttributeFilter;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.metrics.Assumptions;

/**
 * What a scenario changes against the live layers, feature by feature, for its map and reports: the projects it
 * counts as done, and its drafts that apply (those in conflict with their live feature are left out, as the engine
 * leaves them out).
 */
@Component
class ScenarioChanges {

    private final Scenarios scenarios;
    private final ScenarioDrafts drafts;
    private final FeatureStore features;
    private final LayerCatalog catalog;

    ScenarioChanges(Scenarios scenarios, ScenarioDrafts drafts, FeatureStore features, LayerCatalog catalog) {
        this.scenarios = scenarios;
        this.drafts = drafts;
        this.features = features;
        this.catalog = catalog;
    }

    /**
     * One change.
     *
     * @param feature the feature as the scenario has it (a deleted one: as it was)
     * @param op {@code done} (a project counted as done), {@code create}, {@code update} or {@code delete}
     * @param draftId the draft, or null for a project counted as done
     */
    record Change(Feature feature, String op, Long draftId) {
    }

    List<Change> of(Scenario s) {
        Assumptions a = scenarios.assumptions(s);
        List<Draft> applied = drafts.applied(s);
        Set<String> drafted = new HashSet<>();
        applied.forEach(d -> drafted.add(d.layer() + "/" + d.liveId()));
        List<Change> out = new ArrayList<>();
        for (String name : Assumptions.projectLayers().stream().sorted().toList()) {
            Layer l = catalog.get(name);
            List<String> open = new ArrayList<>(l.attribute("status").orElseThrow().values());
            open.remove(Assumptions.doneStatus(name));
            features.forEach(l, List.of(AttributeFilter.in("status", open)), f -> {
                Optional<Feature> made = a.apply(f);
                if (made.isPresent() && made.get() != f && !drafted.contains(name + "/" + f.id())
                        && Assumptions.doneStatus(name).equals(made.get().attributes().get("status"))) {
                    out.add(new Change(f, "done", null));
                }
            });
        }
        for (Draft d : applied) {
            out.add(new Change(d.feature(), d.op(), d.id()));
        }
        return out;
    }
}
