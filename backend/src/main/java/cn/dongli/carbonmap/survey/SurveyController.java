package cn.dongli.carbonmap.survey;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.algorithm.InteriorPointArea;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.dongli.carbonmap.audit.AuditLog;
import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.geom.CoordinateTransform;
import cn.dongli.carbonmap.geom.EqualAreaProjection;
import cn.dongli.carbonmap.geom.io.GeoJsonReader;
import cn.dongli.carbonmap.geom.io.InputLimitException;
import cn.dongli.carbonmap.geom.io.SourceDataset;
import cn.dongli.carbonmap.geom.io.SourceFeature;
import cn.dongli.carbonmap.geom.io.UnreadableInputException;
import cn.dongli.carbonmap.importer.FeatureImporter;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureDraft;
import cn.dongli.carbonmap.layer.FeatureJson;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.FeatureValidator;
import cn.dongli.carbonmap.layer.InvalidFeaturesException;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.metrics.MetricsEngine;
import cn.dongli.carbonmap.metrics.UnitMetrics;
import cn.dongli.carbonmap.security.Account;
import cn.dongli.carbonmap.security.Accounts;
import cn.dongli.carbonmap.security.EditPermissions;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The surveys' API: seasons (open, close, import a past one), the surveyors' marks and progress, the time series of a
 * unit's indicators across seasons, the change between two seasons, and the carbon parameters and figures.
 */
@RestController
class SurveyController {

    static final double STOCK_CHANGE = 0.10;
    static final double CANOPY_CHANGE = 0.10;

    private final SurveySeasons seasons;
    private final CarbonParameters parameters;
    private final MetricsEngine engine;
    private final FeatureStore store;
    private final LayerCatalog catalog;
    private final FeatureValidator validator;
    private final EditPermissions permissions;
    private final AuditLog audit;

    SurveyController(SurveySeasons seasons, CarbonParameters parameters, MetricsEngine engine, FeatureStore store,
                     LayerCatalog catalog, FeatureValidator validator, EditPermissions permissions, AuditLog audit) {
        this.audit = audit;
        this.seasons = seasons;
        this.parameters = parameters;
        this.engine = engine;
        this.store = store;
        this.catalog = catalog;
        this.validator = validator;
        this.permissions = permissions;
    }

    // --- seasons --------------------------------------------------------------------------------------------------

    @GetMapping("/api/seasons")
    List<Map<String, Object>> list() {
        return seasons.all().stream().map(SurveyController::json).toList();
    }

    /** A new season. */
    record NewSeason(String code, String name, String surveyDate, Boolean withLandCover) {
    }

    @PostMapping("/api/seasons")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@RequestBody NewSeason body) {
        Account a = manager("opening a survey season");
        Map<String, Object> created = json(seasons.create(body.code(), body.name(), date(body.surveyDate()),
                Boolean.TRUE.equals(body.withLandCover()), a.username()));
        audit.record(a.username(), "season-opened", body.code());
        return created;
    }

    @PostMapping("/api/seasons/{code}/close")
    Map<String, Object> close(@PathVariable String code) {
        Account a = manager("closing a survey season");
        Map<String, Object> closed = json(seasons.close(code, a.username()));
        audit.record(a.username(), "season-closed", code);
        return closed;
    }

    @PostMapping("/api/seasons/{code}/import")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> importSeason(@PathVariable String code, @RequestParam(required = false) String name,
                                     @RequestParam(required = false) String surveyDate, HttpServletRequest request)
            throws IOException {
        Account a = manager("importing a survey season");
        if (name == null || surveyDate == null) {
            throw new ProblemException(422, "invalid-season", "Invalid season",
                    "give the season's name and surveyDate as query parameters");
        }
        Layer plots = catalog.get(LayerCatalog.FOREST_PLOTS);
        SourceDataset data;
        try (InputStream in = request.getInputStream()) {
            data = GeoJsonReader.read(in);
        } catch (InputLimitException e) {
            throw FeatureImporter.limitProblem(e);
        } catch (UnreadableInputException e) {
            throw ProblemException.badRequest("unreadable-file", e.getMessage());
        }
        List<FeatureDraft> drafts = new ArrayList<>();
        List<InvalidFeaturesException.FeatureError> errors = new ArrayList<>();
        for (SourceFeature f : data.features()) {
            if (f.problem() != null) {
                errors.add(new InvalidFeaturesException.FeatureError(f.index(), "unreadable_geometry", f.problem(), null));
                continue;
            }
            FeatureValidator.Checked c = validator.check(plots, f.geometry(), CoordinateTransform.IDENTITY,
                    f.properties());
            if (c.valid()) {
                drafts.add(c.draft());
            } else {
                c.problems().forEach(p -> errors.add(new InvalidFeaturesException.FeatureError(f.index(), p.code(),
                        p.message(), p.location())));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidFeaturesException(plots, errors, data.features().size());
        }
        Map<String, Object> imported = json(seasons.importClosed(code, name, date(surveyDate), drafts, a.username()));
        audit.record(a.username(), "season-imported", code + " (" + drafts.size() + " plots)");
        return imported;
    }

    // --- surveyors' work ------------------------------------------------------------------------------------------

    @PostMapping("/api/seasons/{code}/plots/{id}/surveyed")
    Map<String, Object> markSurveyed(@PathVariable String code, @PathVariable long id) {
        Account a = Accounts.required();
        if ("none".equals(permissions.canWrite(a).get(LayerCatalog.FOREST_PLOTS))) {
            throw forbidden("marking plots surveyed is for surveyors and editors of forest plots");
        }
        Feature plot = store.get(catalog.get(LayerCatalog.FOREST_PLOTS), id).orElseThrow(
                () -> ProblemException.notFound("feature-not-found", "there is no forest plot " + id));
        permissions.checkStreet(a, List.of(plot.geometry()));
        seasons.markSurveyed(seasons.get(code), id, a.username());
        return Map.of("season", code, "id", id, "surveyed", true, "by", a.username());
    }

    @GetMapping("/api/seasons/{code}/plots")
    List<Map<String, Object>> plots(@PathVariable String code, @RequestParam(required = false) String state,
                                    @RequestParam(required = false) String street) {
        SurveySeasons.Season season = seasons.get(code);
        Map<Long, SurveySeasons.Mark> marks = seasons.marks(season);
        List<Feature> plots = plotsOf(season);
        Map<Long, String> streetOf = streets(plots);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Feature f : plots) {
            SurveySeasons.Mark mark = marks.get(f.id());
            boolean surveyed = season.closed() || mark != null;
            if ((state != null && !state.equals(surveyed ? "surveyed" : "pending"))
                    || (street != null && !street.equals(streetOf.get(f.id())))) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", f.id());
            m.put("plot_code", f.attributes().get("plot_code"));
            m.put("species", f.attributes().get("species"));
            m.put("canopy_closure", f.attributes().get("canopy_closure"));
            m.put("stock_m3", f.attributes().get("stock_m3"));
            m.put("street", streetOf.get(f.id()));
            m.put("surveyed", surveyed);
            m.put("surveyedBy", mark == null ? null : FeatureJson.name(mark.by()));
            m.put("surveyedAt", mark == null ? null : mark.at().toString());
            out.add(m);
        }
        return out;
    }

    @GetMapping("/api/seasons/{code}/progress")
    Map<String, Object> progress(@PathVariable String code) {
        SurveySeasons.Season season = seasons.get(code);
        Map<Long, SurveySeasons.Mark> marks = seasons.marks(season);
        List<Feature> plots = plotsOf(season);
        Map<Long, String> streetOf = streets(plots);
        Map<String, int[]> counts = new LinkedHashMap<>();
        store.forEach(catalog.get(LayerCatalog.STREETS), s -> counts.put((String) s.attributes().get("code"), new int[2]));
        int surveyed = 0;
        for (Feature f : plots) {
            boolean done = season.closed() || marks.containsKey(f.id());
            surveyed += done ? 1 : 0;
            int[] c = counts.get(streetOf.get(f.id()));
            if (c != null) {
                c[0]++;
                c[1] += done ? 1 : 0;
            }
        }
        Map<String, String> names = new HashMap<>();
        store.forEach(catalog.get(LayerCatalog.STREETS), s -> names.put((String) s.attributes().get("code"),
                (String) s.attributes().get("name")));
        List<Map<String, Object>> perStreet = new ArrayList<>();
        counts.forEach((k, v) -> perStreet.add(Map.of("code", k, "name", names.getOrDefault(k, k), "plots", v[0],
                "surveyed", v[1])));
        return Map.of("season", code, "plots", plots.size(), "surveyed", surveyed, "streets", perStreet);
    }

    private List<Feature> plotsOf(SurveySeasons.Season season) {
        if (season != null && season.closed()) {
            return seasons.frozen(season, LayerCatalog.FOREST_PLOTS);
        }
        List<Feature> live = new ArrayList<>();
        store.forEach(catalog.get(LayerCatalog.FOREST_PLOTS), live::add);
        return live;
    }

    /** The street of each plot (by point-on-surface). */
    private Map<Long, String> streets(List<Feature> plots) {
        List<Object[]> streets = new ArrayList<>();
        store.forEach(catalog.get(LayerCatalog.STREETS), s -> streets.add(new Object[] {s.attributes().get("code"),
                PreparedGeometryFactory.prepare(s.geometry())}));
        Map<Long, String> out = new HashMap<>();
        for (Feature f : plots) {
            Geometry p = f.geometry().getFactory().createPoint(InteriorPointArea.getInteriorPoint(f.geometry()));
            for (Object[] s : streets) {
                if (((PreparedGeometry) s[1]).covers(p)) {
                    out.put(f.id(), (String) s[0]);
                    break;
                }
            }
        }
        return out;
    }

    // --- time series and change -----------------------------------------------------------------------------------

    @GetMapping("/api/seasons/series")
    List<Map<String, Object>> series(@RequestParam String unit, @RequestParam String code) {
        return SurveyFigures.series(seasons, engine, unit, code);
    }

    @GetMapping("/api/seasons/change")
    Map<String, Object> change(@RequestParam String from, @RequestParam String to,
                               @RequestParam(defaultValue = "all") String unit) {
        SurveySeasons.Season a = seasons.get(from);
        SurveySeasons.Season b = seasons.get(to);
        if (!a.closed() || !b.closed()) {
            throw new ProblemException(409, "season-open", "Season open",
                    "compare closed seasons; close '" + (a.closed() ? to : from) + "' first");
        }
        SeasonChange.Result change = SeasonChange.compute(seasons.frozen(a, LayerCatalog.FOREST_PLOTS),
                seasons.frozen(b, LayerCatalog.FOREST_PLOTS), engine.definitions().forestCanopyMin(), engine.units(),
                STOCK_CHANGE, CANOPY_CHANGE);
        double years = Math.max(ChronoUnit.DAYS.between(a.surveyDate(), b.surveyDate()) / 365.25, 1e-9);
        Map<String, UnitMetrics> before = byUnit(engine.metrics(from));
        Map<String, UnitMetrics> after = byUnit(engine.metrics(to));
        List<Map<String, Object>> units = new ArrayList<>();
        for (SeasonChange.UnitChange u : change.units()) {
            if (!"all".equals(unit) && !unit.startsWith(u.unit().ref().kind())) {
                continue;
            }
            String key = u.unit().ref().kind() + ":" + u.unit().ref().code();
            double c0 = before.containsKey(key) ? before.get(key).carbonT() : 0;
            double c1 = after.containsKey(key) ? after.get(key).carbonT() : 0;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("unit", u.unit().ref().kind());
            m.put("code", u.unit().ref().code());
            m.put("name", u.unit().ref().name());
            m.put("gainedM2", u.gainedM2());
            m.put("lostM2", u.lostM2());
            m.put("netM2", u.gainedM2() - u.lostM2());
            m.put("carbonFromT", c0);
            m.put("carbonToT", c1);
            m.put("sequestrationTPerYear", (c1 - c0) / years);
            m.put("co2TPerYear", (c1 - c0) / years * CarbonParameter.CO2_PER_C);
            units.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", from);
        out.put("to", to);
        out.put("years", years);
        out.put("units", units);
        out.put("gained", collection(change.gained(), "gained"));
        out.put("lost", collection(change.lost(), "lost"));
        out.put("changedPlots", change.plots());
        return out;
    }

    private static Map<String, UnitMetrics> byUnit(List<UnitMetrics> list) {
        Map<String, UnitMetrics> m = new HashMap<>();
        list.forEach(u -> m.put(u.unit() + ":" + u.code(), u));
        return m;
    }

    private static Map<String, Object> collection(Geometry g, String kind) {
        List<Object> features = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part.isEmpty() || part.getArea() <= 0) {
                continue;
            }
            Feature f = new Feature(i + 1, kind, 1, cn.dongli.carbonmap.geom.Geometries.toStoredMultiPolygon(part),
                    Map.of("change", kind, "areaM2", Math.round(EqualAreaProjection.DONGLI.area(part) * 10) / 10.0),
                    Map.of(), "", java.time.Instant.EPOCH, "", java.time.Instant.EPOCH);
            Map<String, Object> json = FeatureJson.toMap(f);
            json.remove("meta");
            features.add(json);
        }
        return Map.of("type", "FeatureCollection", "features", features);
    }

    // --- carbon ---------------------------------------------------------------------------------------------------

    @GetMapping("/api/carbon/parameters")
    List<CarbonParameter> carbonParameters() {
        return parameters.all();
    }

    /** Parameters as staff send them (missing numbers are refused after the permission check). */
    record ParameterForm(String nameZh, Double woodDensity, Double bef, Double rootShoot, Double carbonFraction,
                         String source) {
    }

    @PutMapping("/api/carbon/parameters/{species}")
    CarbonParameter saveParameter(@PathVariable String species, @RequestBody ParameterForm body) {
        Account a = manager("changing the carbon parameters");
        if (body == null || body.woodDensity() == null || body.bef() == null || body.rootShoot() == null
                || body.carbonFraction() == null) {
            throw new ProblemException(422, "invalid-parameter", "Invalid carbon parameter",
                    "give woodDensity, bef, rootShoot, carbonFraction and source");
        }
        CarbonParameter saved = parameters.save(new CarbonParameter(species, body.nameZh(), body.woodDensity(),
                body.bef(), body.rootShoot(), body.carbonFraction(), body.source()), a.username());
        audit.record(a.username(), "carbon-parameter", species + ": D " + saved.woodDensity() + ", BEF " + saved.bef()
                + ", R " + saved.rootShoot() + ", CF " + saved.carbonFraction() + " (" + saved.source() + ")");
        return saved;
    }

    @GetMapping("/api/carbon/plots")
    List<Map<String, Object>> carbonOfPlots(@RequestParam(required = false) String season) {
        List<Feature> plots = season == null ? plotsOf(null) : seasons.frozen(seasons.get(season),
                LayerCatalog.FOREST_PLOTS);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Feature f : plots) {
            String species = String.valueOf(f.attributes().get("species"));
            double stock = f.attributes().get("stock_m3") instanceof Number n ? n.doubleValue() : 0;
            CarbonParameter p = parameters.of(species);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", f.id());
            m.put("plot_code", f.attributes().get("plot_code"));
            m.put("species", species);
            m.put("stock_m3", stock);
            m.put("carbonT", p.carbon(stock));
            m.put("co2T", p.carbon(stock) * CarbonParameter.CO2_PER_C);
            out.add(m);
        }
        return out;
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    /**
     * The signed-in account, if it may manage seasons and parameters: admins, and editors of forest plots without a
     * street scope (seasons and parameters are the whole district's).
     */
    private Account manager(String action) {
        Account a = Accounts.required();
        if (!"all".equals(permissions.canWrite(a).get(LayerCatalog.FOREST_PLOTS))) {
            throw forbidden("seasons and carbon parameters are managed by admins and editors of forest plots");
        }
        permissions.checkDistrictWide(a, action);
        return a;
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    private static LocalDate date(String text) {
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new ProblemException(422, "invalid-season", "Invalid season", "surveyDate must be yyyy-mm-dd");
        }
    }

    static Map<String, Object> json(SurveySeasons.Season s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", s.code());
        m.put("name", s.name());
        m.put("surveyDate", s.surveyDate().toString());
        m.put("state", s.closed() ? "closed" : "open");
        m.put("withLandCover", s.withLandCover());
        m.put("createdBy", FeatureJson.name(s.createdBy()));
        m.put("closedAt", s.closedAt() == null ? null : s.closedAt().toString());
        return m;
    }
}
