package cn.dongli.carbonmap.pv;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import cn.dongli.carbonmap.error.ProblemException;

/**
 * The parameters of the rooftop PV model (屋顶光伏潜力参数), each with its source, which admins edit: the share of a
 * roof that can carry modules by building use, the modules' capacity per m², the annual yield per kWp in Tianjin, the
 * grid's emission factor, and two district totals the energy indicators need. Read from the database on every
 * answer, so that every CarbonMap process sees an edit.
 */
@Component
class PvParameters {

    /**
     * What a parameter is.
     *
     * @param key its key
     * @param unit its unit
     * @param nameZh its name in Chinese
     * @param nameEn in English
     * @param min the smallest plausible value
     * @param max the largest
     * @param optional whether it may stay empty (the figures that need it are then not given)
     */
    record Definition(String key, String unit, String nameZh, String nameEn, double min, double max, boolean optional) {
    }

    static final List<Definition> DEFINITIONS = List.of(
            new Definition("usable_fraction.public_institution", "", "公共机构屋顶可装光伏比例",
                    "Usable share of public-institution roofs", 0.01, 1, false),
            new Definition("usable_fraction.factory", "", "厂房屋顶可装光伏比例", "Usable share of factory roofs",
                    0.01, 1, false),
            new Definition("usable_fraction.commercial", "", "商业建筑屋顶可装光伏比例", "Usable share of commercial roofs",
                    0.01, 1, false),
            new Definition("usable_fraction.residential", "", "住宅屋顶可装光伏比例", "Usable share of residential roofs",
                    0.01, 1, false),
            new Definition("module_kwp_per_m2", "kWp/m²", "组件功率密度", "Module capacity per m²", 0.05, 0.4, false),
            new Definition("annual_yield_kwh_per_kwp", "kWh/kWp/a", "年等效发电量（天津）", "Annual yield (Tianjin)",
                    500, 2500, false),
            new Definition("grid_emission_t_per_mwh", "tCO₂/MWh", "电网排放因子", "Grid emission factor", 0.05, 1.5,
                    false),
            new Definition("district_generation_capacity_kw", "kW", "全区发电装机总容量",
                    "District generation capacity", 1, 1e9, true),
            new Definition("building_energy_use_kwh_per_year", "kWh/a", "全区城市建筑年用能（电当量）",
                    "District building energy use (electricity equivalent)", 1, 1e13, true));

    /**
     * A parameter and its value.
     *
     * @param value null when not entered (optional parameters only)
     */
    record Parameter(Definition definition, Double value, String source, String updatedBy, OffsetDateTime updatedAt) {

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", definition.key());
            m.put("value", value);
            m.put("unit", definition.unit());
            m.put("nameZh", definition.nameZh());
            m.put("nameEn", definition.nameEn());
            m.put("source", source);
            m.put("min", definition.min());
            m.put("max", definition.max());
            m.put("optional", definition.optional());
            m.put("updatedBy", cn.dongli.carbonmap.layer.FeatureJson.name(updatedBy));
            m.put("updatedAt", updatedAt == null ? null : updatedAt.toString());
            return m;
        }
    }

    /** The values the model multiplies by (optional ones may be null). */
    record Values(Map<String, Double> usableFraction, double kwpPerM2, double kwhPerKwp, double tPerMwh,
                  Double generationCapacityKw, Double buildingEnergyKwh) {

        /** The usable share of a roof of a building use (the residential one for a use without its own). */
        double usable(String use) {
            Double f = usableFraction.get(use);
            return f != null ? f : usableFraction.getOrDefault("residential", 0.0);
        }
    }

    private final JdbcTemplate jdbc;

    PvParameters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Parameter> all() {
        Map<String, Parameter> stored = new LinkedHashMap<>();
        jdbc.query("SELECT param_key, param_value, source, updated_by, updated_at FROM pv_parameter", rs -> {
            double v = rs.getDouble(2);
            Double value = rs.wasNull() ? null : v;
            stored.put(rs.getString(1), new Parameter(definition(rs.getString(1)), value, rs.getString(3),
                    rs.getString(4), rs.getObject(5, OffsetDateTime.class)));
        });
        return DEFINITIONS.stream().map(d -> stored.getOrDefault(d.key(), new Parameter(d, null, "", null, null)))
                .toList();
    }

    Values values() {
        Map<String, Double> v = new LinkedHashMap<>();
        for (Parameter p : all()) {
            v.put(p.definition().key(), p.value());
        }
        Map<String, Double> usable = new LinkedHashMap<>();
        v.forEach((k, x) -> {
            if (k.startsWith("usable_fraction.") && x != null) {
                usable.put(k.substring("usable_fraction.".length()), x);
            }
        });
        return new Values(usable, required(v, "module_kwp_per_m2"), required(v, "annual_yield_kwh_per_kwp"),
                required(v, "grid_emission_t_per_mwh"), v.get("district_generation_capacity_kw"),
                v.get("building_energy_use_kwh_per_year"));
    }

    private static double required(Map<String, Double> v, String key) {
        Double x = v.get(key);
        if (x == null) {
            throw new IllegalStateException("the PV parameter " + key + " has no value");
        }
        return x;
    }

    /**
     * Changes a parameter's value and source.
     *
     * @param value null to clear an optional parameter
     * @throws ProblemException 404 for an unknown key, 422 for a value out of its plausible range or a missing source
     */
    Parameter save(String key, Double value, String source, String actor) {
        Definition d = DEFINITIONS.stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow(() ->
                ProblemException.notFound("unknown-parameter", "there is no PV parameter '" + key + "'; the"
                        + " parameters are " + DEFINITIONS.stream().map(Definition::key).toList()));
        if (value == null && !d.optional()) {
            throw invalid(key + " needs a value (" + d.unit() + ")");
        }
        if (value != null && (value.isNaN() || value < d.min() || value > d.max())) {
            throw invalid(key + " must be between " + fmt(d.min()) + " and " + fmt(d.max()) + " " + d.unit()
                    + ", not " + value);
        }
        if (source == null || source.isBlank() || source.length() > 400) {
            throw invalid("source must name where the value comes from (up to 400 characters)");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int n = jdbc.update("UPDATE pv_parameter SET param_value = ?, source = ?, updated_by = ?, updated_at = ?"
                + " WHERE param_key = ?", value, source.strip(), actor, now, key);
        if (n == 0) {
            jdbc.update("INSERT INTO pv_parameter (param_key, param_value, source, updated_by, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?)", key, value, source.strip(), actor, now);
        }
        return all().stream().filter(p -> p.definition().key().equals(key)).findFirst().orElseThrow();
    }

    private static Definition definition(String key) {
        return DEFINITIONS.stream().filter(d -> d.key().equals(key)).findFirst()
                .orElse(new Definition(key, "", key, key, 0, 0, true));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(422, "invalid-parameter", "Invalid PV parameter", detail);
    }
}
