package cn.dongli.carbonmap.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureJson;
import cn.dongli.carbonmap.security.Accounts;

/** How scenarios and drafts are written as JSON (see {@code /api/scenarios} in docs/ARCHITECTURE.md). */
final class ScenarioJson {

    private ScenarioJson() {
    }

    /** A scenario with its ticks, the number of its drafts and of those in conflict, and whether the caller may change it. */
    static Map<String, Object> scenario(Scenario s, Scenarios scenarios) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("description", s.description());
        m.put("year", s.year());
        m.put("author", s.author());
        m.put("shared", s.shared());
        m.put("countAsDone", s.countAsDone());
        m.put("countAsDoneUpToYear", s.countAsDoneUpToYear());
        Map<String, Map<String, Boolean>> projects = new TreeMap<>();
        scenarios.choices(s).forEach((layer, ids) -> {
            Map<String, Boolean> byId = new TreeMap<>();
            ids.forEach((id, done) -> byId.put(String.valueOf(id), done));
            projects.put(layer, byId);
        });
        m.put("projects", projects);
        m.put("drafts", scenarios.draftCount(s));
        m.put("conflicts", scenarios.conflicts(s).size());
        m.put("version", s.version());
        m.put("createdAt", s.createdAt().toString());
        m.put("updatedAt", s.updatedAt().toString());
        m.put("updatedBy", s.updatedBy());
        m.put("canEdit", Accounts.current().map(a -> Scenarios.mayChange(a, s)).orElse(false));
        return m;
    }

    /** A draft as a GeoJSON Feature: its own id and version, and what it does in the {@code scenario} member. */
    static Map<String, Object> draft(Draft d, Scenarios.Conflict conflict) {
        Map<String, Object> m = FeatureJson.toMap(d.feature());
        m.put("version", d.version());
        Map<String, Object> sc = new LinkedHashMap<>();
        sc.put("op", d.op());
        sc.put("layer", d.layer());
        sc.put("liveId", d.liveId());
        sc.put("liveVersion", d.liveVersion());
        if (conflict == null) {
            sc.put("conflict", null);
        } else {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("reason", conflict.reason());
            c.put("live", conflict.live() == null ? null : FeatureJson.toMap(conflict.live()));
            sc.put("conflict", c);
        }
        m.put("scenario", sc);
        return m;
    }

    /** A feature of the live layer as a GeoJSON object (in problems). */
    static Map<String, Object> live(Feature f) {
        return FeatureJson.toMap(f);
    }
}
