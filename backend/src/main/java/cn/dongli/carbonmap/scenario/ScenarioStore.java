package cn.dongli.carbonmap.scenario;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import cn.dongli.carbonmap.geom.Geometries;
import cn.dongli.carbonmap.layer.Feature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scenarios' tables: {@code scenario}, {@code scenario_project} (ticks), {@code scenario_draft} and
 * {@code scenario_draft_history}, the same SQL on H2GIS and PostGIS (geometries as WKB). Writes join the caller's
 * transaction.
 */
@Component
class ScenarioStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, List<String>>> STATUSES = new TypeReference<>() {
    };
    private static final String SELECT = "SELECT id, name, description, target_year, author, shared, count_as_done,"
            + " count_as_done_up_to_year, version, revision, created_at, updated_by, updated_at FROM scenario";
    private static final String DRAFT_COLUMNS = "id, scenario_id, layer_name, op, live_id, live_version, version,"
            + " attributes, extra, ST_AsBinary(geom), created_by, created_at, updated_by, updated_at";

    private final JdbcTemplate jdbc;

    ScenarioStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static final RowMapper<Scenario> SCENARIO = (rs, i) -> new Scenario(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getInt(4), rs.getString(5), rs.getBoolean(6), JSON.readValue(rs.getString(7), STATUSES),
            (Integer) rs.getObject(8, Integer.class), rs.getInt(9), rs.getLong(10), instant(rs, 11), rs.getString(12),
            instant(rs, 13));

    // --- scenarios ------------------------------------------------------------------------------------------------

    /** Every scenario, newest first. */
    List<Scenario> all() {
        return jdbc.query(SELECT + " ORDER BY id DESC", SCENARIO);
    }

    Optional<Scenario> find(long id) {
        return jdbc.query(SELECT + " WHERE id = ?", SCENARIO, id).stream().findFirst();
    }

    /** The revision of a scenario (empty if there is none). */
    Optional<Long> revision(long id) {
        return jdbc.query("SELECT revision FROM scenario WHERE id = ?", (rs, i) -> rs.getLong(1), id).stream()
                .findFirst();
    }

    /**
     * Holds the scenario's row until the transaction ends: changes of one scenario are serialised (the checks of a
     * draft against the scenario's other drafts still hold when it commits).
     *
     * @return false if there is no such scenario
     */
    boolean lock(long id) {
        return !jdbc.query("SELECT id FROM scenario WHERE id = ? FOR UPDATE", (rs, i) -> rs.getLong(1), id).isEmpty();
    }

    long insert(String name, String description, int year, String author, boolean shared,
                Map<String, List<String>> countAsDone, Integer upToYear) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        OffsetDateTime now = now();
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO scenario (name, description, target_year, author, shared,"
                    + " count_as_done, count_as_done_up_to_year, version, revision, created_at, updated_by, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, 1, 1, ?, ?, ?)", new String[] {"id"});
            ps.setString(1, name);
            ps.setString(2, description);
            ps.setInt(3, year);
            ps.setString(4, author);
            ps.setBoolean(5, shared);
            ps.setString(6, JSON.writeValueAsString(countAsDone));
            ps.setObject(7, upToYear, java.sql.Types.INTEGER);
            ps.setObject(8, now);
            ps.setString(9, author);
            ps.setObject(10, now);
            return ps;
        }, keys);
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Replaces the settings if they are still at {@code expectedVersion}; false otherwise. */
    boolean update(long id, int expectedVersion, String name, String description, int year, boolean shared,
                   Map<String, List<String>> countAsDone, Integer upToYear, String actor) {
        return jdbc.update("UPDATE scenario SET name = ?, description = ?, target_year = ?, shared = ?,"
                + " count_as_done = ?, count_as_done_up_to_year = ?, version = version + 1, revision = revision + 1,"
                + " updated_by = ?, updated_at = ? WHERE id = ? AND version = ?", name, description, year, shared,
                JSON.writeValueAsString(countAsDone), upToYear, actor, now(), id, expectedVersion) == 1;
    }

    /** Records that the scenario changed (a tick or a draft). */
    void touch(long id, String actor) {
        jdbc.update("UPDATE scenario SET revision = revision + 1, updated_by = ?, updated_at = ? WHERE id = ?", actor,
                now(), id);
    }

    /** Deletes a scenario with its ticks, drafts and their history; false if it was not at that version. */
    boolean delete(long id, int expectedVersion) {
        jdbc.update("DELETE FROM scenario_draft_history WHERE scenario_id = ?", id);
        jdbc.update("DELETE FROM scenario_draft WHERE scenario_id = ?", id);
        jdbc.update("DELETE FROM scenario_project WHERE scenario_id = ?", id);
        return jdbc.update("DELETE FROM scenario WHERE id = ? AND version = ?", id, expectedVersion) == 1;
    }

    /** Per scenario, the number of drafts. */
    Map<Long, Integer> draftCounts() {
        Map<Long, Integer> out = new HashMap<>();
        jdbc.query("SELECT scenario_id, COUNT(*) FROM scenario_draft GROUP BY scenario_id",
                rs -> {
                    out.put(rs.getLong(1), rs.getInt(2));
                });
        return out;
    }

    // --- ticks ----------------------------------------------------------------------------------------------------

    /** The explicit ticks: per layer, feature id → counted as done. */
    Map<String, Map<Long, Boolean>> choices(long scenario) {
        Map<String, Map<Long, Boolean>> out = new HashMap<>();
        jdbc.query("SELECT layer_name, feature_id, done FROM scenario_project WHERE scenario_id = ?", rs -> {
            out.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getLong(2), rs.getBoolean(3));
        }, scenario);
        return out;
    }

    /** Sets (or, with null, removes) the tick of some projects of a layer. */
    void choose(long scenario, String layer, List<Long> ids, Boolean done) {
        jdbc.batchUpdate("DELETE FROM scenario_project WHERE scenario_id = ? AND layer_name = ? AND feature_id = ?",
                ids, 1000, (ps, id) -> {
                    ps.setLong(1, scenario);
                    ps.setString(2, layer);
                    ps.setLong(3, id);
                });
        if (done != null) {
            jdbc.batchUpdate("INSERT INTO scenario_project (scenario_id, layer_name, feature_id, done)"
                    + " VALUES (?, ?, ?, ?)", ids, 1000, (ps, id) -> {
                        ps.setLong(1, scenario);
                        ps.setString(2, layer);
                        ps.setLong(3, id);
                        ps.setBoolean(4, done);
                    });
        }
    }

    /** Copies the ticks of one scenario into another. */
    void copyChoices(long from, long to) {
        jdbc.update("INSERT INTO scenario_project (scenario_id, layer_name, feature_id, done)"
                + " SELECT ?, layer_name, feature_id, done FROM scenario_project WHERE scenario_id = ?", to, from);
    }

    // --- drafts ---------------------------------------------------------------------------------------------------

    /** A draft's identity and version, without its geometry. */
    record DraftKey(long id, int version, String layer, String op, Long liveId, Integer liveVersion) {
    }

    List<DraftKey> draftKeys(long scenario) {
        return jdbc.query("SELECT id, version, layer_name, op, live_id, live_version FROM scenario_draft"
                + " WHERE scenario_id = ? ORDER BY id", (rs, i) -> new DraftKey(rs.getLong(1), rs.getInt(2),
                rs.getString(3), rs.getString(4), (Long) rs.getObject(5, Long.class),
                (Integer) rs.getObject(6, Integer.class)), scenario);
    }

    private static final RowMapper<Draft> DRAFT = (rs, i) -> {
        try {
            Feature f = new Feature(rs.getLong(1), rs.getString(3), rs.getInt(7),
                    Geometries.toStoredMultiPolygon(new WKBReader(Geometries.STORAGE).read(rs.getBytes(10))),
                    JSON.readValue(rs.getString(8), MAP), JSON.readValue(rs.getString(9), MAP), rs.getString(11),
                    instant(rs, 12), rs.getString(13), instant(rs, 14));
            return new Draft(rs.getLong(1), rs.getLong(2), rs.getString(4), (Long) rs.getObject(5, Long.class),
                    (Integer) rs.getObject(6, Integer.class), f);
        } catch (ParseException e) {
            throw new IllegalStateException("unreadable geometry in draft " + rs.getLong(1), e);
        }
    };

    /** A scenario's drafts, optionally of one layer, in id order. */
    List<Draft> drafts(long scenario, String layer) {
        return layer == null
                ? jdbc.query("SELECT " + DRAFT_COLUMNS + " FROM scenario_draft WHERE scenario_id = ? ORDER BY id",
                        DRAFT, scenario)
                : jdbc.query("SELECT " + DRAFT_COLUMNS + " FROM scenario_draft WHERE scenario_id = ?"
                        + " AND layer_name = ? ORDER BY id", DRAFT, scenario, layer);
    }

    /** Some drafts by id. */
    List<Draft> drafts(List<Long> ids) {
        List<Draft> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 500) {
            List<Long> part = ids.subList(i, Math.min(ids.size(), i + 500));
            out.addAll(jdbc.query("SELECT " + DRAFT_COLUMNS + " FROM scenario_draft WHERE id IN ("
                    + "?, ".repeat(part.size() - 1) + "?)", DRAFT, part.toArray()));
        }
        return out;
    }

    Optional<Draft> draft(long scenario, long id) {
        return jdbc.query("SELECT " + DRAFT_COLUMNS + " FROM scenario_draft WHERE scenario_id = ? AND id = ?", DRAFT,
                scenario, id).stream().findFirst();
    }

    /** The draft of a live feature, if the scenario has one. */
    Optional<Draft> draftOf(long scenario, String layer, long liveId) {
        return jdbc.query("SELECT " + DRAFT_COLUMNS + " FROM scenario_draft WHERE scenario_id = ? AND layer_name = ?"
                + " AND live_id = ?", DRAFT, scenario, layer, liveId).stream().findFirst();
    }

    /** Stores a new draft (version 1) and its first history row; returns it. */
    Draft insertDraft(long scenario, String op, Long liveId, Integer liveVersion, Feature f, String actor) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        OffsetDateTime now = now();
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO scenario_draft (scenario_id, layer_name, op, live_id,"
                    + " live_version, version, attributes, extra, geom, created_by, created_at, updated_by, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, 1, ?, ?, ST_GeomFromWKB(?, 4490), ?, ?, ?, ?)", new String[] {"id"});
            ps.setLong(1, scenario);
            ps.setString(2, f.layer());
            ps.setString(3, op);
            ps.setObject(4, liveId, java.sql.Types.BIGINT);
            ps.setObject(5, liveVersion, java.sql.Types.INTEGER);
            ps.setString(6, JSON.writeValueAsString(f.attributes()));
            ps.setString(7, JSON.writeValueAsString(f.extra()));
            ps.setBytes(8, new WKBWriter(2).write(f.geometry()));
            ps.setString(9, actor);
            ps.setObject(10, now);
            ps.setString(11, actor);
            ps.setObject(12, now);
            return ps;
        }, keys);
        Draft d = draft(scenario, keys.getKeyAs(Number.class).longValue()).orElseThrow();
        record(d, op, actor);
        return d;
    }

    /**
     * Replaces a draft's feature (and the live version it is based on) if it is still at {@code expectedVersion}.
     *
     * @return the draft as stored now, or empty if its version differed
     */
    Optional<Draft> updateDraft(long scenario, long id, int expectedVersion, Feature f, Integer liveVersion,
                                String historyOp, String actor) {
        int n = jdbc.update("UPDATE scenario_draft SET attributes = ?, extra = ?, geom = ST_GeomFromWKB(?, 4490),"
                + " live_version = ?, version = version + 1, updated_by = ?, updated_at = ?"
                + " WHERE scenario_id = ? AND id = ? AND version = ?", JSON.writeValueAsString(f.attributes()),
                JSON.writeValueAsString(f.extra()), new WKBWriter(2).write(f.geometry()), liveVersion, actor, now(),
                scenario, id, expectedVersion);
        if (n != 1) {
            return Optional.empty();
        }
        Draft d = draft(scenario, id).orElseThrow();
        record(d, historyOp, actor);
        return Optional.of(d);
    }

    /** Discards a draft if it is still at {@code expectedVersion} (its history keeps a row saying so). */
    boolean deleteDraft(Draft d, String actor) {
        int n = jdbc.update("DELETE FROM scenario_draft WHERE scenario_id = ? AND id = ? AND version = ?",
                d.scenarioId(), d.id(), d.version());
        if (n == 1) {
            record(d, "discard", actor);
        }
        return n == 1;
    }

    private void record(Draft d, String op, String actor) {
        jdbc.update("INSERT INTO scenario_draft_history (scenario_id, draft_id, layer_name, version, op, live_id,"
                + " live_version, actor, changed_at, attributes, extra, geom)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4490))", d.scenarioId(), d.id(),
                d.layer(), d.version(), op, d.liveId(), d.liveVersion(), actor, now(),
                JSON.writeValueAsString(d.feature().attributes()), JSON.writeValueAsString(d.feature().extra()),
                new WKBWriter(2).write(d.feature().geometry()));
    }

    /** One row of a draft's history. */
    record HistoryRow(int version, String op, String actor, Instant at, Feature feature) {
    }

    /** A draft's history, newest first. */
    List<HistoryRow> history(long scenario, long draftId) {
        return jdbc.query("SELECT version, op, actor, changed_at, layer_name, attributes, extra, ST_AsBinary(geom)"
                + " FROM scenario_draft_history WHERE scenario_id = ? AND draft_id = ? ORDER BY id DESC", (rs, i) -> {
                    try {
                        Instant at = instant(rs, 4);
                        return new HistoryRow(rs.getInt(1), rs.getString(2), rs.getString(3), at, new Feature(draftId,
                                rs.getString(5), rs.getInt(1), Geometries.toStoredMultiPolygon(
                                        new WKBReader(Geometries.STORAGE).read(rs.getBytes(8))),
                                JSON.readValue(rs.getString(6), MAP), JSON.readValue(rs.getString(7), MAP),
                                rs.getString(3), at, rs.getString(3), at));
                    } catch (ParseException e) {
                        throw new IllegalStateException("unreadable geometry in draft history " + draftId, e);
                    }
                }, scenario, draftId);
    }
}
