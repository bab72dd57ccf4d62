package cn.dongli.carbonmap.survey;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.metrics.MetricsEngine;
import cn.dongli.carbonmap.metrics.UnitMetrics;

/** A unit's indicators across the closed survey seasons, then now, with the carbon sequestered between them. */
final class SurveyFigures {

    private SurveyFigures() {
    }

    /** One point of a unit's series. */
    record Point(String season, String name, LocalDate date, UnitMetrics figures, Double sequestrationTPerYear) {
    }

    static List<Point> points(SurveySeasons seasons, MetricsEngine engine, String kind, String code) {
        List<Point> out = new ArrayList<>();
        Point previous = null;
        List<SurveySeasons.Season> closed = seasons.all().stream().filter(SurveySeasons.Season::closed).toList();
        for (SurveySeasons.Season s : closed) {
            UnitMetrics m = find(engine.metrics(s.code()), kind, code);
            Point p = new Point(s.code(), s.name(), s.surveyDate(), m, rate(previous, s.surveyDate(), m));
            out.add(p);
            previous = p;
        }
        LocalDate today = LocalDate.now();
        UnitMetrics now = find(engine.metrics(false), kind, code);
        out.add(new Point("current", "现状", today, now, rate(previous, today, now)));
        return out;
    }

    static List<Map<String, Object>> series(SurveySeasons seasons, MetricsEngine engine, String kind, String code) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Point p : points(seasons, engine, kind, code)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("season", p.season());
            m.put("name", p.name());
            m.put("date", p.date().toString());
            m.put("blueGreenShare", p.figures().blueGreenShare());
            m.put("forestCover", p.figures().forestCover());
            m.put("forestStockM3", p.figures().forestStockM3());
            m.put("carbonT", p.figures().carbonT());
            m.put("co2T", p.figures().co2T());
            m.put("sequestrationTPerYear", p.sequestrationTPerYear());
            m.put("co2TPerYear", p.sequestrationTPerYear() == null ? null
                    : p.sequestrationTPerYear() * CarbonParameter.CO2_PER_C);
            out.add(m);
        }
        return out;
    }

    private static Double rate(Point previous, LocalDate date, UnitMetrics m) {
        if (previous == null) {
            return null;
        }
        double years = ChronoUnit.DAYS.between(previous.date(), date) / 365.25;
        return years <= 0 ? null : (m.carbonT() - previous.figures().carbonT()) / years;
    }

    static UnitMetrics find(List<UnitMetrics> all, String kind, String code) {
        return all.stream().filter(u -> u.unit().equals(kind) && u.code().equals(code)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("unknown-unit",
                        "there is no unit " + kind + " '" + code + "'"));
    }
}
