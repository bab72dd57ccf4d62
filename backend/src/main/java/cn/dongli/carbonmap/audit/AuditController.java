package cn.dongli.carbonmap.audit;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.dongli.carbonmap.error.ProblemException;

/** {@code GET /api/audit?limit=}: the audit log, newest first (admins only). */
@RestController
class AuditController {

    private final AuditLog log;

    AuditController(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/api/audit")
    List<Map<String, Object>> audit(@RequestParam(defaultValue = "200") int limit) {
        if (limit < 1 || limit > 10_000) {
            throw ProblemException.badRequest("invalid-parameter", "limit must be between 1 and 10000");
        }
        return log.latest(limit);
    }
}
