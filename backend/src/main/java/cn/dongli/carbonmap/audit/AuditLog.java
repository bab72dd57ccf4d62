package cn.dongli.carbonmap.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records who did what: sign-ins (failed ones too), sign-outs, account changes, carbon parameters, survey seasons,
 * whole-layer imports, plan values. A record is written in its own statement, so a refused action is still recorded.
 * The database keeps the values as given; the {@code audit} log line has them escaped ({@link #escaped}).
 */
@Component
public class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger("audit");

    private final JdbcTemplate jdbc;

    AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records an event.
     *
     * @param actor the account (or the name tried, for a failed sign-in)
     * @param action a short code: login, login-failed, logout, account-created, …
     * @param detail what, in a sentence (cut at 1,000 characters)
     */
    public void record(String actor, String action, String detail) {
        String address = null;
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes r) {
            address = r.getRequest().getRemoteAddr();
        }
        String cut = detail == null ? null : detail.length() > 1000 ? detail.substring(0, 1000) : detail;
        String who = actor == null ? "?" : actor.length() > 64 ? actor.substring(0, 64) : actor;
        // the values come from users (a failed sign-in's name is whatever was typed): escaped, so that none can end
        // the line and forge another
        LOG.info("{} {} {} ({})", escaped(who), escaped(action), escaped(cut), escaped(address));
        jdbc.update("INSERT INTO audit_event (at, actor, action, detail, address) VALUES (?, ?, ?, ?, ?)",
                OffsetDateTime.now(ZoneOffset.UTC), who, action, cut, address);
    }

    /**
     * The text on one line: backslash, line breaks, other control characters and the Unicode line separators written
     * as Java escapes: a backslash then n, r, t, another backslash, or u and four hex digits.
     */
    static String escaped(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** The latest events, newest first. */
    public List<Map<String, Object>> latest(int limit) {
        return jdbc.query("SELECT at, actor, action, detail, address FROM audit_event ORDER BY id DESC LIMIT ?",
                (rs, i) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("at", rs.getObject(1, OffsetDateTime.class).toInstant().toString());
                    m.put("actor", rs.getString(2));
                    m.put("action", rs.getString(3));
                    m.put("detail", rs.getString(4));
                    m.put("address", rs.getString(5));
                    return m;
                }, limit);
    }
}
