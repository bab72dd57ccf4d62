package cn.dongli.carbonmap.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * How the first start's loading of the sample data went, for readiness ({@link SampleDataHealthIndicator}), the page
 * ({@code GET /api/config}) and the gate that answers writes 503 until the application is ready
 * ({@link StartupWriteGate}).
 */
@Component
public class SampleLoad {

    /** Where the loading is. */
    public enum State {
        /** Nothing to load: sample loading is off, or the database already had data. */
        NONE,
        /** Loading now. */
        LOADING,
        /** Loaded. */
        LOADED,
        /** It failed; the database was left as it was (empty). */
        FAILED
    }

    private volatile State state = State.NONE;
    private volatile String reason;

    public State state() {
        return state;
    }

    /** Why it failed, or null. */
    public String reason() {
        return reason;
    }

    void loading() {
        state = State.LOADING;
    }

    void loaded() {
        state = State.LOADED;
    }

    void failed(String why) {
        reason = why;
        state = State.FAILED;
    }

    /** {@code {"state": "failed", "reason": …}} for the page. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        m.put("reason", reason);
        return m;
    }
}
