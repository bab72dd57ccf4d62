package cn.dongli.carbonmap.candidates;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Envelope;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.layer.FeatureJson;
import cn.dongli.carbonmap.report.ReportText;
import cn.dongli.carbonmap.report.TableFile;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/candidates?unit=…&code=…&indicator=…}: a unit's gap and its ranked candidate sites with the set
 * that closes the gap ({@code .geojson} for the map, {@code .xlsx} and {@code .csv} for reports);
 * {@code POST /api/candidates/drafts}: a candidate set as draft edits of a scenario.
 */
@RestController
class CandidatesController {

    private static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    private static final List<String> HEADINGS = List.of("排名 rank", "图层 layer", "要素 id", "现状 from",
            "要素面积（m²）featureAreaM2", "单元内新增（m²）addedM2", "属于补齐集合 inClosingSet",
            "边际新增（m²）marginalM2");

    private final CandidateSites sites;
    private final Clock clock;

    CandidatesController(CandidateSites sites, Clock clock) {
        this.sites = sites;
        this.clock = clock;
    }

    @GetMapping("/api/candidates")
    Map<String, Object> candidates(@RequestParam(required = false) String unit,
                                   @RequestParam(required = false) String code,
                                   @RequestParam(required = false) String indicator,
                                   @RequestParam(required = false) Long scenario,
                                   @RequestParam(required = false) Double target,
                                   @RequestParam(required = false) Integer limit) {
        int n = limit == null ? sites.rules().listLimit() : limit;
        if (n < 0 || n > sites.rules().maxListLimit()) {
            throw ProblemException.badRequest("invalid-parameter", "limit is between 0 and "
                    + sites.rules().maxListLimit() + " (the exports list every candidate)");
        }
        CandidateSites.Answer a = sites.find(unit, code, indicator, scenario, target);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", a.unit().unit());
        m.put("code", a.unit().code());
        m.put("name", a.unit().name());
        m.put("indicator", a.indicator());
        m.put("scenario", a.scenario() == null ? null : a.scenario().json());
        m.put("target", a.target());
        m.put("targetUnit", CandidateRules.isArea(a.indicator()) ? "mu" : "share");
        m.put("targetYear", a.targetYear());
        m.put("targetFrom", a.targetFrom());
        m.put("areaM2", a.unit().areaM2());
        m.put("haveM2", a.haveM2());
        m.put("gapM2", a.gapM2());
        m.put("rules", rules(a.indicator()));
        m.put("candidateCount", a.ranked().size());
        m.put("candidates", a.ranked().stream().limit(n).map(CandidatesController::candidate).toList());
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("method", "greedy");
        set.put("ids", a.closing().stream().map(i -> {
            CandidateSites.Candidate c = a.ranked().get(i).candidate();
            return Map.of("layer", c.feature().layer(), "id", c.feature().id());
        }).toList());
        set.put("count", a.closing().size());
        set.put("addedM2", a.closingAddedM2());
        set.put("closesGap", a.closesGap());
        set.put("remainingGapM2", a.remainingGapM2());
        m.put("closingSet", set);
        return m;
    }

    @GetMapping(value = "/api/candidates.geojson", produces = "application/geo+json")
    Map<String, Object> geojson(@RequestParam(required = false) String unit,
                                @RequestParam(required = false) String code,
                                @RequestParam(required = false) String indicator,
                                @RequestParam(required = false) Long scenario,
                                @RequestParam(required = false) Double target,
                                @RequestParam(defaultValue = "all") String set) {
        if (!set.equals("all") && !set.equals("closing")) {
            throw ProblemException.badRequest("invalid-parameter", "set is all or closing, not '" + set + "'");
        }
        CandidateSites.Answer a = sites.find(unit, code, indicator, scenario, target);
        List<Object> features = new ArrayList<>();
        for (CandidateSites.Ranked r : a.ranked()) {
            if (set.equals("closing") && !r.inClosingSet()) {
                continue;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("rank", r.rank());
            p.put("layer", r.candidate().feature().layer());
            p.put("id", r.candidate().feature().id());
            p.put("class", r.candidate().from());
            p.put("from", from(r.candidate()));
            p.put("addedM2", r.candidate().added().area());
            p.put("inClosingSet", r.inClosingSet());
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("type", "Feature");
            f.put("id", r.candidate().feature().layer() + "." + r.candidate().feature().id());
            f.put("geometry", FeatureJson.geometry(r.candidate().feature().geometry()));
            f.put("properties", p);
            features.add(f);
        }
        return Map.of("type", "FeatureCollection", "features", features);
    }

    @GetMapping("/api/candidates.xlsx")
    ResponseEntity<byte[]> xlsx(@RequestParam(required = false) String unit,
                                @RequestParam(required = false) String code,
                                @RequestParam(required = false) String indicator,
                                @RequestParam(required = false) Long scenario,
                                @RequestParam(required = false) Double target) {
        CandidateSites.Answer a = sites.find(unit, code, indicator, scenario, target);
        return file(TableFile.xlsx("候选地块", HEADINGS, rows(a)), XLSX, a, "xlsx");
    }

    @GetMapping("/api/candidates.csv")
    ResponseEntity<byte[]> csv(@RequestParam(required = false) String unit,
                               @RequestParam(required = false) String code,
                               @RequestParam(required = false) String indicator,
                               @RequestParam(required = false) Long scenario,
                               @RequestParam(required = false) Double target) {
        CandidateSites.Answer a = sites.find(unit, code, indicator, scenario, target);
        return file(TableFile.csv(HEADINGS, rows(a)), MediaType.parseMediaType("text/csv;charset=UTF-8"), a, "csv");
    }

    @PostMapping("/api/candidates/drafts")
    ResponseEntity<Map<String, Object>> drafts(@RequestBody(required = false) JsonNode body) {
        return ResponseEntity.status(201).body(sites.toDrafts(body));
    }

    private List<Map<String, Object>> rules(String indicator) {
        String builtStatus = sites.builtFarmlandStatus();
        List<Map<String, Object>> out = new ArrayList<>();
        for (CandidateRules.Rule r : sites.rules().of(indicator)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("layer", r.layer());
            Map<String, Object> from = new LinkedHashMap<>();
            if (r.onLandCover()) {
                from.put("class", r.classes());
                if (!r.sourceCodes().isEmpty()) {
                    from.put("source_code", r.sourceCodes());
                }
            } else if (r.layer().equals("farmland")) {
                from.put("status", r.statuses());
            } else {
                from.put("canopy_closure_below", r.canopyBelow());
            }
            m.put("from", from);
            Map<String, Object> to = new LinkedHashMap<>();
            if (CandidateRules.NEW_FOREST_PLOT.equals(r.becomes())) {
                to.put("layer", "forest_plots");
                to.put("species", r.species());
                to.put("canopy_closure", r.canopyClosure());
            } else if (CandidateRules.RAISE_CANOPY.equals(r.becomes())) {
                to.put("layer", "forest_plots");
                to.put("canopy_closure", r.canopyClosure());
            } else if (CandidateRules.NEW_FARMLAND.equals(r.becomes())
                    || CandidateRules.BUILT.equals(r.becomes())) {
                to.put("layer", "farmland");
                to.put("status", builtStatus);
            } else {
                to.put("layer", "land_cover");
                to.put("class", r.becomes());
            }
            m.put("to", to);
            out.add(m);
        }
        return out;
    }

    /** What a candidate is now, for a client to name: {@code {attribute, value}} (e.g. class bare, status planned). */
    private static Map<String, Object> from(CandidateSites.Candidate c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attribute", c.fromAttribute());
        m.put("value", c.fromValue());
        return m;
    }

    private static Map<String, Object> candidate(CandidateSites.Ranked r) {
        CandidateSites.Candidate c = r.candidate();
        Envelope e = c.feature().geometry().getEnvelopeInternal();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rank", r.rank());
        m.put("layer", c.feature().layer());
        m.put("id", c.feature().id());
        m.put("class", c.from());
        m.put("from", from(c));
        m.put("featureAreaM2", c.featureAreaM2());
        m.put("addedM2", c.added().area());
        m.put("inClosingSet", r.inClosingSet());
        m.put("marginalM2", r.marginalM2());
        m.put("bbox", new double[] {e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()});
        return m;
    }

    private static List<List<Object>> rows(CandidateSites.Answer a) {
        List<List<Object>> rows = new ArrayList<>();
        for (CandidateSites.Ranked r : a.ranked()) {
            CandidateSites.Candidate c = r.candidate();
            List<Object> row = new ArrayList<>();
            row.add(r.rank());
            row.add(c.feature().layer());
            row.add(c.feature().id());
            row.add(c.from());
            row.add(c.featureAreaM2());
            row.add(c.added().area());
            row.add(r.inClosingSet());
            row.add(r.marginalM2());
            rows.add(row);
        }
        return rows;
    }

    private ResponseEntity<byte[]> file(byte[] body, MediaType type, CandidateSites.Answer a, String extension) {
        LocalDate date = LocalDate.now(clock);
        String base = a.unit().code() + "-" + a.indicator() + "-" + date + "." + extension;
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ReportText.attachment("候选地块-" + a.unit().name() + "-" + base,
                        "candidates-" + base))
                .body(body);
    }
}
