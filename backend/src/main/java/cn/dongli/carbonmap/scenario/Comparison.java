package cn.dongli.carbonmap.scenario;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.metrics.MetricsEngine;
import cn.dongli.carbonmap.metrics.UnitMetrics;
import cn.dongli.carbonmap.metrics.UnitSelection;

/**
 * The live state and scenarios side by side: per unit, the figures of each, in the order asked for.
 */
@Component
class Comparison {

    private final Scenarios scenarios;
    private final MetricsEngine engine;
    private final Clock clock;

    Comparison(Scenarios scenarios, MetricsEngine engine, Clock clock) {
        this.scenarios = scenarios;
        this.engine = engine;
        this.clock = clock;
    }

    /**
     * A column of the comparison: the live state ({@code scenario} null) or a scenario.
     *
     * @param key {@code live} or the scenario's id
     */
    record Column(String key, Scenario scenario, String name, int year, List<UnitMetrics> figures) {
    }

    /** One unit with its figures in every column. */
    record Row(String unit, String code, String name, String zoneType, List<UnitMetrics> figures) {
    }

    /** The comparison: its columns and, per unit, one figure per column. */
    record Table(List<Column> columns, List<Row> rows) {
    }

    /**
     * @param keys {@code live} and scenario ids, comma-separated, e.g. {@code live,12,15}
     * @param unit the units (zones, streets, district, barrier, all)
     * @throws ProblemException 400 for a malformed list, 404 for a scenario the account may not read
     */
    Table compare(String keys, String unit) {
        UnitSelection.kinds(unit);
        if (keys == null || keys.isBlank()) {
            throw ProblemException.badRequest("invalid-parameter",
                    "name what to compare: scenarios=live,12,15 (the live state and scenario ids)");
        }
        LinkedHashSet<String> wanted = new LinkedHashSet<>();
        for (String k : keys.split(",")) {
            String key = k.strip();
            if (!key.equals("live") && !key.matches("\\d{1,18}")) {
                throw ProblemException.badRequest("invalid-parameter", "'" + key + "' is neither live nor a scenario id");
            }
            wanted.add(key);
        }
        if (wanted.size() > 8) {
            throw ProblemException.badRequest("invalid-parameter", "compare at most 8 columns at a time");
        }
        List<Column> columns = new ArrayList<>();
        for (String key : wanted) {
            if (key.equals("live")) {
                columns.add(new Column("live", null, "现状", LocalDate.now(clock).getYear(),
                        UnitSelection.select(engine.metrics(false), unit)));
            } else {
                Scenario s = scenarios.readable(Long.parseLong(key));
                columns.add(new Column(key, s, s.name(), s.year(), UnitSelection.select(scenarios.metrics(s), unit)));
            }
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (UnitMetrics m : columns.get(0).figures()) {
            rows.put(m.unit() + ":" + m.code(), new Row(m.unit(), m.code(), m.name(), m.zoneType(), new ArrayList<>()));
        }
        for (Column c : columns) {
            for (UnitMetrics m : c.figures()) {
                Row r = rows.get(m.unit() + ":" + m.code());
                if (r != null) {
                    r.figures().add(m);
                }
            }
        }
        return new Table(columns, List.copyOf(rows.values()));
    }

    /** The comparison as JSON: {@code {columns: [...], units: [{unit, code, name, zoneType, figures: [...]}]}}. */
    static Map<String, Object> json(Table t) {
        List<Map<String, Object>> columns = new ArrayList<>();
        for (Column c : t.columns()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", c.key());
            if (c.scenario() != null) {
                m.put("id", c.scenario().id());
            }
            m.put("name", c.name());
            m.put("year", c.year());
            if (c.scenario() != null) {
                m.put("author", c.scenario().author());
            }
            columns.add(m);
        }
        List<Map<String, Object>> units = new ArrayList<>();
        for (Row r : t.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("unit", r.unit());
            m.put("code", r.code());
            m.put("name", r.name());
            m.put("zoneType", r.zoneType());
            m.put("figures", r.figures());
            units.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("columns", columns);
        out.put("units", units);
        return out;
    }
}
