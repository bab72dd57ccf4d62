package cn.dongli.carbonmap.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure of a request that the client can act on: it carries the HTTP status, a stable problem code (the last
 * segment of the problem's {@code type} URI), a title, a detail sentence and extension members such as the list of
 * per-feature errors.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String title;
    private final transient Map<String, Object> extensions;

    /**
     * @param status the HTTP status (4xx)
     * @param code stable machine-readable code, e.g. {@code invalid-geometry}
     * @param title short summary of the problem type
     * @param detail what happened in this request, naming the feature or parameter
     */
    public ProblemException(int status, String code, String title, String detail) {
        this(status, code, title, detail, Map.of());
    }

    public ProblemException(int status, String code, String title, String detail, Map<String, ?> extensions) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    /** 400: a parameter or body that cannot be understood. */
    public static ProblemException badRequest(String code, String detail) {
        return new ProblemException(400, code, "Bad request", detail);
    }

    /** 404: no such resource. */
    public static ProblemException notFound(String code, String detail) {
        return new ProblemException(404, code, "Not found", detail);
    }
}
