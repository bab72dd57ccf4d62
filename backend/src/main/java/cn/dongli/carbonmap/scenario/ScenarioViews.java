package cn.dongli.carbonmap.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Geometry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.metrics.Assumptions;
import cn.dongli.carbonmap.metrics.UnitMetrics;
import tools.jackson.databind.JsonNode;

/**
 * What other features read of a scenario and write into it (the candidate sites, the rooftop PV potential): a
 * scenario's assumptions and figures with the reader's right to read it checked, and a batch of draft edits written
 * in one transaction (into a scenario made in the same transaction, if asked).
 */
@Component
public class ScenarioViews {

    private final Scenarios scenarios;
    private final ScenarioDrafts drafts;
    private final TransactionTemplate tx;

    ScenarioViews(Scenarios scenarios, ScenarioDrafts drafts, PlatformTransactionManager transactions) {
        this.scenarios = scenarios;
        this.drafts = drafts;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * A scenario as a reader of its figures sees it.
     *
     * @param id its id
     * @param name its name
     * @param year its target year
     * @param assumptions what the engine applies
     */
    public record View(long id, String name, int year, Assumptions assumptions) {

        /** The scenario's id, name and year as JSON. */
        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("name", name);
            m.put("year", year);
            return m;
        }
    }

    /**
     * The scenario, if the signed-in account may read it.
     *
     * @throws ProblemException 401 when nobody is signed in, 404 when there is no such scenario it may read
     */
    public View readable(long id) {
        Scenario s = scenarios.readable(id);
        return new View(s.id(), s.name(), s.year(), scenarios.assumptions(s));
    }

    /** The figures of every unit in the scenario. */
    public List<UnitMetrics> metrics(View v) {
        return scenarios.metrics(scenarios.readable(v.id()));
    }

    /**
     * Checks that the signed-in account may make scenarios and draft edits (before its request is read).
     *
     * @throws ProblemException 401 when nobody is signed in, 403 for a viewer
     */
    public void checkPlanner() {
        Scenarios.planner();
    }

    /**
     * A draft edit to write: a change of a live feature (at the version it was read), or a new feature.
     *
     * @param layer the layer
     * @param liveId the live feature changed, or null for a new feature
     * @param liveVersion the live feature's version the change was made from
     * @param geometry the polygon (CGCS2000 longitude/latitude)
     * @param properties the attributes, as a GeoJSON Feature's properties
     */
    public record DraftRequest(Layer layer, Long liveId, Integer liveVersion, Geometry geometry,
                               Map<String, Object> properties) {
    }

    /**
     * Writes draft edits into a scenario, or into a new one, in one transaction: each checked as a draft edit is
     * (validity, the district, overlaps in the scenario's view of its layer, the account's grants and street), and
     * if any is refused nothing is written — not even the new scenario.
     *
     * @param scenario the scenario to write into, or null to make one of {@code newScenario}
     * @param newScenario a new scenario's settings as {@code POST /api/scenarios} takes them
     * @return the scenario (as {@code GET /api/scenarios/{id}} answers it) and the drafts written
     */
    public Map<String, Object> addDrafts(Long scenario, JsonNode newScenario, List<DraftRequest> requests) {
        if (requests.isEmpty()) {
            throw new ProblemException(422, "nothing-to-draft", "Nothing to draft",
                    "there are no candidates to turn into draft edits");
        }
        Map<String, Object> written = tx.execute(st -> {
            Scenario s = scenario != null ? scenarios.changeable(scenario) : scenarios.create(newScenario);
            List<Map<String, Object>> made = new ArrayList<>();
            for (DraftRequest r : requests) {
                Draft d = r.liveId() == null ? drafts.create(s, r.layer(), r.geometry(), r.properties())
                        : drafts.replace(s, r.layer(), r.liveId(), r.liveVersion(), r.geometry(), r.properties());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("layer", d.layer());
                m.put("id", d.id());
                m.put("liveId", d.liveId());
                m.put("op", d.op());
                made.add(m);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("scenarioId", s.id());
            out.put("drafts", made);
            out.put("count", made.size());
            return out;
        });
        Scenario s = scenarios.readable((Long) written.get("scenarioId"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", ScenarioJson.scenario(s, scenarios));
        out.put("drafts", written.get("drafts"));
        out.put("count", written.get("count"));
        return out;
    }
}
