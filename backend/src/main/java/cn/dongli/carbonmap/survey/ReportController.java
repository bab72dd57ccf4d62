package cn.dongli.carbonmap.survey;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.metrics.MetricsEngine;
import cn.dongli.carbonmap.metrics.UnitMetrics;
import cn.dongli.carbonmap.report.CjkFont;
import cn.dongli.carbonmap.report.ReportSettings;
import cn.dongli.carbonmap.report.ReportText;

/**
 * {@code GET /api/reports/{unit}/{code}.pdf} and {@code .xlsx}: a zone's or street's report for the district's files,
 * in Chinese, with the indicators, the plan's targets, the survey series and its chart, and the carbon figures.
 */
@RestController
class ReportController {

    static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final MetricsEngine engine;
    private final SurveySeasons seasons;
    private final CarbonParameters parameters;
    private final ReportSettings settings;

    ReportController(MetricsEngine engine, SurveySeasons seasons, CarbonParameters parameters,
                     ReportSettings settings) {
        this.engine = engine;
        this.seasons = seasons;
        this.parameters = parameters;
        this.settings = settings;
    }

    @GetMapping("/api/reports/{unit}/{code}.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String unit, @PathVariable String code) {
        ReportData data = data(unit, code);
        Path font = CjkFont.locate(settings.font());
        byte[] pdf = PdfReport.render(data, font, ReportChart.png(data.series(), font));
        return file(pdf, MediaType.APPLICATION_PDF, data, "pdf");
    }

    @GetMapping("/api/reports/{unit}/{code}.xlsx")
    ResponseEntity<byte[]> xlsx(@PathVariable String unit, @PathVariable String code) {
        ReportData data = data(unit, code);
        Path font = CjkFont.locate(settings.font());
        return file(XlsxReport.render(data, ReportChart.png(data.series(), font)), XLSX, data, "xlsx");
    }

    private ReportData data(String unit, String code) {
        if (!List.of("zone", "level", "barrier", "street", "district").contains(unit)) {
            throw ProblemException.badRequest("invalid-parameter",
                    "reports are made for a zone, level, barrier, street or the district");
        }
        List<SurveyFigures.Point> series = SurveyFigures.points(seasons, engine, unit, code);
        UnitMetrics now = series.get(series.size() - 1).figures();
        return new ReportData(now.name() + "碳汇与空间规划指标报告", now, series, parameters.all(), LocalDate.now());
    }

    private static ResponseEntity<byte[]> file(byte[] body, MediaType type, ReportData data, String extension) {
        String name = data.unit().name() + "-指标报告-" + data.date() + "." + extension;
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ReportText.attachment(name, "report." + extension))
                .body(body);
    }
}
