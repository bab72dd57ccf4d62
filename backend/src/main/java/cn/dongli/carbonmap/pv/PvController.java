package cn.dongli.carbonmap.pv;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.dongli.carbonmap.audit.AuditLog;
import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureJson;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.metrics.Assumptions;
import cn.dongli.carbonmap.report.ReportText;
import cn.dongli.carbonmap.report.TableFile;
import cn.dongli.carbonmap.scenario.ScenarioViews;
import cn.dongli.carbonmap.security.Account;
import cn.dongli.carbonmap.security.Accounts;
import cn.dongli.carbonmap.security.Role;

/**
 * {@code GET /api/pv/potential?unit=zones|streets|district}: rooftop PV installed and potential per unit, with the
 * parameters and the plan's energy indicators; {@code GET /api/pv/roofs?unit=…&code=…}: a unit's rooftops ranked;
 * {@code .geojson}, {@code .xlsx} and {@code .csv} of both; {@code GET/PUT /api/pv/parameters}.
 */
@RestController
class PvController {

    private static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private static final List<String> ROW_HEADINGS = List.of("单元 unit", "代码 code", "名称 name",
            "目标屋顶 eligibleRoofs", "已装 installedRoofs", "未装 roofsWithoutPv", "已装容量（kWp）installedKwp",
            "其中登记 installedKwpRecorded", "其中估算 installedKwpModelled", "年发电（kWh）installedKwhPerYear",
            "潜力容量（kWp）potentialKwp", "潜力年发电（kWh）potentialKwhPerYear", "年减排（tCO₂）co2AvoidedTPerYear",
            "按数量达标需增屋顶 byCountRoofs", "按面积达标需增屋顶 byAreaRoofs", "全部屋顶潜力（kWp）allRoofsPotentialKwp");
    private static final List<String> ROOF_HEADINGS = List.of("排名 rank", "要素 id", "用途 buildingUse",
            "建成年份 builtYear", "屋顶面积（m²）roofAreaM2", "可用面积（m²）usableM2", "潜力容量（kWp）potentialKwp",
            "年发电（kWh）potentialKwhPerYear", "年减排（tCO₂）co2AvoidedTPerYear", "按数量达标集合 inTargetSet",
            "按面积达标集合 inAreaTargetSet");

    private final PvPotential potential;
    private final PvParameters parameters;
    private final ScenarioViews scenarios;
    private final FeatureStore store;
    private final LayerCatalog catalog;
    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final Clock clock;

    PvController(PvPotential potential, PvParameters parameters, ScenarioViews scenarios, FeatureStore store,
                 LayerCatalog catalog, JdbcTemplate jdbc, AuditLog audit, Clock clock) {
        this.potential = potential;
        this.parameters = parameters;
        this.scenarios = scenarios;
        this.store = store;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    // --- per unit -------------------------------------------------------------------------------------------------

    @GetMapping("/api/pv/potential")
    Map<String, Object> potential(@RequestParam(required = false) String unit,
                                  @RequestParam(required = false) Long scenario) {
        PvPotential.Answer a = answer(unit, scenario);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", unit);
        m.put("scenario", scenario == null ? null : scenarios.readable(scenario).json());
        m.put("parameters", a.parameters().stream().map(PvParameters.Parameter::json).toList());
        m.put("target", potential.target());
        m.put("rows", a.rows().stream().map(PvController::row).toList());
        m.put("energy", energy(a));
        return m;
    }

    @GetMapping("/api/pv/potential.xlsx")
    ResponseEntity<byte[]> potentialXlsx(@RequestParam(required = false) String unit,
                                         @RequestParam(required = false) Long scenario) {
        return file(TableFile.xlsx("屋顶光伏潜力", ROW_HEADINGS, rowTable(answer(unit, scenario))), XLSX,
                "屋顶光伏潜力-" + unit, "pv-potential-" + unit, "xlsx");
    }

    @GetMapping("/api/pv/potential.csv")
    ResponseEntity<byte[]> potentialCsv(@RequestParam(required = false) String unit,
                                        @RequestParam(required = false) Long scenario) {
        return file(TableFile.csv(ROW_HEADINGS, rowTable(answer(unit, scenario))), CSV, "屋顶光伏潜力-" + unit,
                "pv-potential-" + unit, "csv");
    }

    private PvPotential.Answer answer(String unit, Long scenario) {
        List<String> kinds = switch (unit == null ? "" : unit) {
            case "zones" -> List.of("zone", "level", "barrier");
            case "streets" -> List.of("street");
            case "district" -> List.of("district");
            default -> throw ProblemException.badRequest("invalid-parameter", "unit is zones, streets or district, not '"
                    + unit + "'");
        };
        return potential.potential(kinds, assumptions(scenario));
    }

    private Assumptions assumptions(Long scenario) {
        return scenario == null ? null : scenarios.readable(scenario).assumptions();
    }

    private static Map<String, Object> row(PvPotential.Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", r.unit().kind());
        m.put("code", r.unit().code());
        m.put("name", r.unit().name());
        PvPotential.Totals e = r.eligible();
        m.put("eligibleRoofs", e.roofs());
        m.put("installedRoofs", e.installedRoofs());
        m.put("roofsWithoutPv", e.withoutPv());
        m.put("installedKwp", e.installedKwp());
        m.put("installedKwpRecorded", e.recordedKwp());
        m.put("installedKwpModelled", e.modelledKwp());
        m.put("installedKwhPerYear", e.installedKwp() * r.kwhPerKwp());
        m.put("installedCo2TPerYear", co2(e.installedKwp(), r));
        m.put("potentialKwp", e.potentialKwp());
        m.put("potentialKwhPerYear", e.potentialKwp() * r.kwhPerKwp());
        m.put("co2AvoidedTPerYear", co2(e.potentialKwp(), r));
        PvPotential.Totals all = r.all();
        Map<String, Object> every = new LinkedHashMap<>();
        every.put("roofs", all.roofs());
        every.put("roofsWithoutPv", all.withoutPv());
        every.put("installedKwp", all.installedKwp());
        every.put("potentialKwp", all.potentialKwp());
        every.put("potentialKwhPerYear", all.potentialKwp() * r.kwhPerKwp());
        every.put("co2AvoidedTPerYear", co2(all.potentialKwp(), r));
        m.put("allRoofs", every);
        Map<String, Object> toTarget = new LinkedHashMap<>();
        toTarget.put("byCount", target(r.byCount()));
        toTarget.put("byArea", target(r.byArea()));
        m.put("toTarget", toTarget);
        return m;
    }

    private static double co2(double kwp, PvPotential.Row r) {
        return kwp * r.kwhPerKwp() / 1000 * r.tPerMwh();
    }

    private static Map<String, Object> target(PvPotential.ToTarget t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("roofs", t.roofs());
        m.put("addedKwp", t.addedKwp());
        m.put("reachable", t.reachable());
        return m;
    }

    private static List<List<Object>> rowTable(PvPotential.Answer a) {
        List<List<Object>> rows = new ArrayList<>();
        for (PvPotential.Row r : a.rows()) {
            PvPotential.Totals e = r.eligible();
            rows.add(new ArrayList<>(List.of(r.unit().kind(), r.unit().code(), r.unit().name(), e.roofs(),
                    e.installedRoofs(), e.withoutPv(), e.installedKwp(), e.recordedKwp(), e.modelledKwp(),
                    e.installedKwp() * r.kwhPerKwp(), e.potentialKwp(), e.potentialKwp() * r.kwhPerKwp(),
                    co2(e.potentialKwp(), r), r.byCount().roofs(), r.byArea().roofs(), r.all().potentialKwp())));
        }
        return rows;
    }

    /**
     * The annex's energy indicators next to the PV figures: 清洁能源发电装机 (energy-1) and 城市建筑可再生能源替代率
     * (city-4), with the latest value entered for each, and the rooftop PV's part of them where the district totals
     * they are measured against have been entered as parameters.
     */
    private List<Map<String, Object>> energy(PvPotential.Answer a) {
        List<Map<String, Object>> out = new ArrayList<>();
        PvPotential.Row d = a.district();
        double installedKw = d == null ? 0 : d.all().installedKwp();
        double atPotentialKw = d == null ? 0 : d.all().installedKwp() + d.all().potentialKwp();
        double kwhPerKwp = a.values().kwhPerKwp();
        for (String id : List.of("energy-1", "city-4")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            jdbc.query("SELECT text_zh, text_en, target FROM plan_indicator WHERE id = ?", rs -> {
                m.put("text", Map.of("zh", rs.getString(1), "en", rs.getString(2)));
                m.put("target", rs.getString(3));
            }, id);
            m.put("entered", jdbc.query("SELECT value_year, value_text, note FROM plan_indicator_value"
                    + " WHERE indicator_id = ? ORDER BY value_year DESC, id DESC", rs -> {
                        if (!rs.next()) {
                            return null;
                        }
                        Map<String, Object> v = new LinkedHashMap<>();
                        v.put("year", rs.getInt(1));
                        v.put("value", rs.getString(2));
                        v.put("note", rs.getString(3));
                        return v;
                    }, id));
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("basis", "every rooftop: installed now, and installed plus the potential of every roof without PV");
            if (id.equals("energy-1")) {
                Double capacity = a.values().generationCapacityKw();
                f.put("installedKw", installedKw);
                f.put("potentialKw", atPotentialKw);
                f.put("shareOfCapacityNow", capacity == null ? null : installedKw / capacity);
                f.put("shareOfCapacityAtPotential", capacity == null ? null : atPotentialKw / capacity);
            } else {
                Double use = a.values().buildingEnergyKwh();
                f.put("installedKwhPerYear", installedKw * kwhPerKwp);
                f.put("potentialKwhPerYear", atPotentialKw * kwhPerKwp);
                f.put("shareOfBuildingEnergyNow", use == null ? null : installedKw * kwhPerKwp / use);
                f.put("shareOfBuildingEnergyAtPotential", use == null ? null : atPotentialKw * kwhPerKwp / use);
            }
            m.put("figures", f);
            out.add(m);
        }
        return out;
    }

    // --- a unit's rooftops ----------------------------------------------------------------------------------------

    @GetMapping("/api/pv/roofs")
    Map<String, Object> roofs(@RequestParam(required = false) String unit, @RequestParam(required = false) String code,
                              @RequestParam(defaultValue = "eligible") String roofs,
                              @RequestParam(defaultValue = "500") int limit,
                              @RequestParam(required = false) Long scenario) {
        PvPotential.Ranking r = ranking(unit, code, roofs, limit, scenario);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", r.unit().kind());
        m.put("code", r.unit().code());
        m.put("name", r.unit().name());
        m.put("count", r.roofs().size());
        m.put("targetRoofs", r.targetRoofs());
        m.put("targetRoofsByArea", r.targetRoofsByArea());
        m.put("areaTargetReachable", r.row().byArea().reachable());
        List<Map<String, Object>> list = new ArrayList<>();
        ranked(r, limit, (rank, f, sets) -> list.add(roof(rank, f, sets)));
        m.put("roofs", list);
        return m;
    }

    @GetMapping(value = "/api/pv/roofs.geojson", produces = "application/geo+json")
    Map<String, Object> roofsGeojson(@RequestParam(required = false) String unit,
                                     @RequestParam(required = false) String code,
                                     @RequestParam(defaultValue = "eligible") String roofs,
                                     @RequestParam(defaultValue = "500") int limit,
                                     @RequestParam(required = false) Long scenario) {
        PvPotential.Ranking r = ranking(unit, code, roofs, limit, scenario);
        List<Object> features = new ArrayList<>();
        ranked(r, limit, (rank, f, sets) -> {
            Optional<Feature> live = f.roof().id() > 0
                    ? store.get(catalog.get(LayerCatalog.PV_ROOFTOPS), f.roof().id()) : Optional.empty();
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("type", "Feature");
            g.put("id", f.roof().id());
            g.put("geometry", live.isPresent() ? FeatureJson.geometry(live.get().geometry())
                    : Map.of("type", "Point", "coordinates", new double[] {f.roof().lon(), f.roof().lat()}));
            g.put("properties", roof(rank, f, sets));
            features.add(g);
        });
        return Map.of("type", "FeatureCollection", "features", features);
    }

    @GetMapping("/api/pv/roofs.xlsx")
    ResponseEntity<byte[]> roofsXlsx(@RequestParam(required = false) String unit,
                                     @RequestParam(required = false) String code,
                                     @RequestParam(defaultValue = "eligible") String roofs,
                                     @RequestParam(required = false) Long scenario) {
        PvPotential.Ranking r = ranking(unit, code, roofs, Integer.MAX_VALUE, scenario);
        return file(TableFile.xlsx("屋顶排名", ROOF_HEADINGS, roofTable(r)), XLSX, "屋顶光伏排名-" + r.unit().name(),
                "pv-roofs-" + r.unit().code(), "xlsx");
    }

    @GetMapping("/api/pv/roofs.csv")
    ResponseEntity<byte[]> roofsCsv(@RequestParam(required = false) String unit,
                                    @RequestParam(required = false) String code,
                                    @RequestParam(defaultValue = "eligible") String roofs,
                                    @RequestParam(required = false) Long scenario) {
        PvPotential.Ranking r = ranking(unit, code, roofs, Integer.MAX_VALUE, scenario);
        return file(TableFile.csv(ROOF_HEADINGS, roofTable(r)), CSV, "屋顶光伏排名-" + r.unit().name(),
                "pv-roofs-" + r.unit().code(), "csv");
    }

    private PvPotential.Ranking ranking(String unit, String code, String roofs, int limit, Long scenario) {
        if (!roofs.equals("eligible") && !roofs.equals("all")) {
            throw ProblemException.badRequest("invalid-parameter", "roofs is eligible or all, not '" + roofs + "'");
        }
        if (limit < 0 || (limit > 5000 && limit != Integer.MAX_VALUE)) {
            throw ProblemException.badRequest("invalid-parameter", "limit is between 0 and 5000 (the exports list"
                    + " every rooftop)");
        }
        if (unit == null || code == null) {
            throw ProblemException.badRequest("invalid-parameter", "name the unit: unit=street&code=…");
        }
        return potential.ranking(unit, code, roofs.equals("all"), assumptions(scenario));
    }

    /** Whether a ranked rooftop is in the set that reaches the target by count, and by area. */
    private record InSets(boolean byCount, boolean byArea) {
    }

    private interface RankedRoof {
        void accept(int rank, PvPotential.RoofFigures roof, InSets sets);
    }

    /**
     * The first {@code limit} ranked rooftops; the first {@code targetRoofs} eligible ones are the count target's set,
     * the first {@code targetRoofsByArea} the area target's.
     */
    private static void ranked(PvPotential.Ranking r, int limit, RankedRoof consumer) {
        int eligibleSeen = 0;
        for (int i = 0; i < r.roofs().size() && i < limit; i++) {
            PvPotential.RoofFigures f = r.roofs().get(i);
            InSets sets = new InSets(f.eligible() && eligibleSeen < r.targetRoofs(),
                    f.eligible() && eligibleSeen < r.targetRoofsByArea());
            if (f.eligible()) {
                eligibleSeen++;
            }
            consumer.accept(i + 1, f, sets);
        }
    }

    private static Map<String, Object> roof(int rank, PvPotential.RoofFigures f, InSets sets) {
        RoofRegister.Roof r = f.roof();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rank", rank);
        m.put("id", r.id());
        m.put("buildingUse", r.use());
        m.put("builtYear", r.builtYear());
        m.put("eligible", f.eligible());
        m.put("roofAreaM2", r.roofAreaM2());
        m.put("usableM2", f.usableM2());
        m.put("pvInstalled", r.installed());
        m.put("installedKwp", f.installedKwp());
        m.put("kwpSource", f.kwpSource());
        m.put("potentialKwp", f.potentialKwp());
        m.put("potentialKwhPerYear", f.potentialKwh());
        m.put("co2AvoidedTPerYear", f.potentialCo2T());
        m.put("inTargetSet", sets.byCount());
        m.put("inAreaTargetSet", sets.byArea());
        m.put("point", new double[] {r.lon(), r.lat()});
        return m;
    }

    private static List<List<Object>> roofTable(PvPotential.Ranking r) {
        List<List<Object>> rows = new ArrayList<>();
        ranked(r, Integer.MAX_VALUE, (rank, f, sets) -> rows.add(new ArrayList<>(List.of(rank, f.roof().id(),
                f.roof().use(), f.roof().builtYear(), f.roof().roofAreaM2(), f.usableM2(), f.potentialKwp(),
                f.potentialKwh(), f.potentialCo2T(), sets.byCount(), sets.byArea()))));
        return rows;
    }

    // --- parameters -----------------------------------------------------------------------------------------------

    @GetMapping("/api/pv/parameters")
    List<Map<String, Object>> parameters() {
        return parameters.all().stream().map(PvParameters.Parameter::json).toList();
    }

    /** A parameter's new value and source, as an admin sends them. */
    record ParameterForm(Double value, String source) {
    }

    @PutMapping("/api/pv/parameters/{key}")
    Map<String, Object> save(@PathVariable String key, @RequestBody(required = false) ParameterForm body) {
        Account a = Accounts.required();
        if (!a.roles().contains(Role.ADMIN)) {
            throw new ProblemException(403, "forbidden", "Forbidden", "the PV parameters are set by admins");
        }
        if (body == null) {
            throw new ProblemException(422, "invalid-parameter", "Invalid PV parameter", "send {\"value\", \"source\"}");
        }
        PvParameters.Parameter saved = parameters.save(key, body.value(), body.source(), a.username());
        audit.record(a.username(), "pv-parameter", key + " = " + saved.value() + " (" + saved.source() + ")");
        return saved.json();
    }

    private ResponseEntity<byte[]> file(byte[] body, MediaType type, String name, String ascii, String extension) {
        String date = LocalDate.now(clock).toString();
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ReportText.attachment(name + "-" + date + "." + extension,
                        ascii + "-" + date + "." + extension))
                .body(body);
    }
}
