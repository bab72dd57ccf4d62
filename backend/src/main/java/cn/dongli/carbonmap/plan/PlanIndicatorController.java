package cn.dongli.carbonmap.plan;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.dongli.carbonmap.audit.AuditLog;
import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.security.Account;
import cn.dongli.carbonmap.security.Accounts;

/**
 * {@code GET /api/plan/indicators}: the annex's indicators with the latest value entered;
 * {@code POST /api/plan/indicators/{id}/values}: staff enter a value for a year — admins, and editors granted plan
 * values; each value entered is audited.
 */
@RestController
@RequestMapping("/api/plan/indicators")
class PlanIndicatorController {

    private final JdbcTemplate jdbc;
    private final AuditLog audit;

    PlanIndicatorController(JdbcTemplate jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /**
     * A value entered for an indicator.
     *
     * @param year the year it describes
     * @param value the figure as staff state it ("31.5%", "基本建成")
     * @param note where it comes from
     */
    record EnteredValue(Integer year, String value, String note) {
    }

    @GetMapping
    List<Map<String, Object>> indicators() {
        return jdbc.query("""
                SELECT i.id, i.category_zh, i.category_en, i.text_zh, i.text_en, i.office, i.target, i.spatial,
                       v.value_year, v.value_text, v.note, v.entered_by, v.entered_at
                FROM plan_indicator i
                LEFT JOIN plan_indicator_value v ON v.id = (
                    SELECT MAX(w.id) FROM plan_indicator_value w WHERE w.indicator_id = i.id
                      AND w.value_year = (SELECT MAX(x.value_year) FROM plan_indicator_value x WHERE x.indicator_id = i.id))
                ORDER BY i.sort_order""", (rs, n) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", rs.getString("id"));
            m.put("category", Map.of("zh", rs.getString("category_zh"), "en", rs.getString("category_en")));
            m.put("text", Map.of("zh", rs.getString("text_zh"), "en", rs.getString("text_en")));
            m.put("office", rs.getString("office"));
            m.put("target", rs.getString("target"));
            m.put("spatial", rs.getBoolean("spatial"));
            String value = rs.getString("value_text");
            if (value == null) {
                m.put("latest", null);
            } else {
                Map<String, Object> latest = new LinkedHashMap<>();
                latest.put("year", rs.getInt("value_year"));
                latest.put("value", value);
                latest.put("note", rs.getString("note"));
                latest.put("enteredBy", cn.dongli.carbonmap.layer.FeatureJson.name(rs.getString("entered_by")));
                latest.put("enteredAt", rs.getObject("entered_at", OffsetDateTime.class).toInstant().toString());
                m.put("latest", latest);
            }
            return m;
        });
    }

    @PostMapping("/{id}/values")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> enter(@PathVariable String id, @RequestBody EnteredValue body) {
        Account a = Accounts.required();
        if (!a.mayEnterPlanValues()) {
            throw new ProblemException(403, "forbidden", "Forbidden", "account '" + a.username()
                    + "' may not enter plan values: admins and editors granted plan values do"
                    + (a.streetCode() != null && a.planValues() ? "; plan values are district-wide, and this account"
                    + " is scoped to street " + a.streetCode() : ""));
        }
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM plan_indicator WHERE id = ?", Integer.class, id);
        if (known == null || known == 0) {
            throw ProblemException.notFound("unknown-indicator", "the plan has no indicator '" + id + "'");
        }
        if (body.year() == null || body.year() < 2000 || body.year() > 2100) {
            throw new ProblemException(422, "invalid-value", "Invalid value", "year must be between 2000 and 2100");
        }
        String value = body.value() == null ? "" : body.value().trim();
        if (value.isEmpty() || value.length() > 200) {
            throw new ProblemException(422, "invalid-value", "Invalid value",
                    "value must be 1 to 200 characters, e.g. \"31.5%\"");
        }
        String note = body.note() == null ? null : body.note().trim();
        if (note != null && note.length() > 1000) {
            throw new ProblemException(422, "invalid-value", "Invalid value", "note must be at most 1000 characters");
        }
        jdbc.update("INSERT INTO plan_indicator_value (indicator_id, value_year, value_text, note, entered_by, entered_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", id, body.year(), value, note, a.username(),
                OffsetDateTime.now(ZoneOffset.UTC));
        audit.record(a.username(), "plan-value", id + " " + body.year() + " = " + value
                + (note == null || note.isEmpty() ? "" : " (" + note + ")"));
        return indicators().stream().filter(m -> id.equals(m.get("id"))).findFirst().orElseThrow();
    }
}
