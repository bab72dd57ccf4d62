package cn.dongli.carbonmap.scenario;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Geometry;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.dongli.carbonmap.metrics.MetricsEngine;
import cn.dongli.carbonmap.report.CjkFont;
import cn.dongli.carbonmap.report.ReportSettings;
import cn.dongli.carbonmap.report.ReportText;

/**
 * {@code GET /api/metrics/compare?scenarios=live,12,15&unit=…}: the live state and scenarios side by side, per unit;
 * {@code /api/metrics/compare.xlsx} and {@code .pdf}: the same as a workbook and as a report with the map.
 */
@RestController
@RequestMapping("/api/metrics")
class ComparisonController {

    static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final Comparison comparison;
    private final Scenarios scenarios;
    private final ScenarioChanges changes;
    private final MetricsEngine engine;
    private final ReportSettings settings;
    private final Clock clock;

    ComparisonController(Comparison comparison, Scenarios scenarios, ScenarioChanges changes, MetricsEngine engine,
                         ReportSettings settings, Clock clock) {
        this.comparison = comparison;
        this.scenarios = scenarios;
        this.changes = changes;
        this.engine = engine;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping("/compare")
    Map<String, Object> compare(@RequestParam(required = false) String scenarios,
                                @RequestParam(defaultValue = "all") String unit) {
        return Comparison.json(comparison.compare(scenarios, unit));
    }

    @GetMapping("/compare.xlsx")
    ResponseEntity<byte[]> xlsx(@RequestParam(required = false) String scenarios,
                                @RequestParam(defaultValue = "all") String unit) {
        Comparison.Table t = comparison.compare(scenarios, unit);
        LocalDate date = LocalDate.now(clock);
        return file(ComparisonReport.xlsx(t, drafts(t), date), XLSX, date, "xlsx");
    }

    @GetMapping("/compare.pdf")
    ResponseEntity<byte[]> pdf(@RequestParam(required = false) String scenarios,
                               @RequestParam(defaultValue = "all") String unit) {
        Comparison.Table t = comparison.compare(scenarios, unit);
        Path font = CjkFont.locate(settings.font());
        LocalDate date = LocalDate.now(clock);
        return file(ComparisonReport.pdf(t, drafts(t), date, font, map(t, font)), MediaType.APPLICATION_PDF, date,
                "pdf");
    }

    private Map<String, Integer> drafts(Comparison.Table t) {
        Map<String, Integer> out = new HashMap<>();
        for (Comparison.Column c : t.columns()) {
            if (c.scenario() != null) {
                out.put(c.key(), this.scenarios.draftCount(c.scenario()));
            }
        }
        return out;
    }

    private byte[] map(Comparison.Table t, Path font) {
        List<Geometry> streets = new ArrayList<>();
        Geometry barrier = null;
        for (MetricsEngine.UnitShape u : engine.units()) {
            if (u.ref().kind().equals("street")) {
                streets.add(u.geometry());
            } else if (u.ref().kind().equals("barrier")) {
                barrier = u.geometry();
            }
        }
        List<ChangesMap.Layer> layers = new ArrayList<>();
        for (Comparison.Column c : t.columns()) {
            if (c.scenario() == null) {
                continue;
            }
            List<Geometry> added = new ArrayList<>();
            List<Geometry> deleted = new ArrayList<>();
            for (ScenarioChanges.Change ch : changes.of(c.scenario())) {
                (ch.op().equals("delete") ? deleted : added).add(ch.feature().geometry());
            }
            layers.add(new ChangesMap.Layer(c.name(), added, deleted));
        }
        return ChangesMap.png(streets, barrier, layers, font);
    }

    private static ResponseEntity<byte[]> file(byte[] body, MediaType type, LocalDate date, String extension) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ReportText.attachment("规划情景对比-" + date + "." + extension,
                        "scenarios-" + date + "." + extension))
                .body(body);
    }
}
