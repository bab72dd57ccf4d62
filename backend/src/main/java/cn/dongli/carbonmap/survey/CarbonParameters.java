package cn.dongli.carbonmap.survey;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.metrics.CarbonFactors;

/**
 * The table of carbon parameters per species, which staff edit (with the source of every value), and the factors the
 * indicator engine multiplies stock by. The version is the latest change's time, read from the database, so that every
 * CarbonMap process sees an edit.
 */
@Component
class CarbonParameters implements CarbonFactors {

    private final JdbcTemplate jdbc;

    CarbonParameters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<CarbonParameter> all() {
        return jdbc.query("SELECT species, name_zh, wood_density, bef, root_shoot, carbon_fraction, source"
                        + " FROM carbon_parameter ORDER BY species",
                (rs, i) -> new CarbonParameter(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getDouble(6), rs.getString(7)));
    }

    Optional<CarbonParameter> find(String species) {
        return all().stream().filter(p -> p.species().equals(species)).findFirst();
    }

    /** The parameters of a species, or of {@code other} if it has none. */
    CarbonParameter of(String species) {
        return find(species).or(() -> find("other")).orElseThrow(() -> new IllegalStateException(
                "the carbon parameter table has neither '" + species + "' nor 'other'"));
    }

    /**
     * Changes the parameters of a species (or adds one).
     *
     * @throws ProblemException 422 if a value is out of its plausible range or the source is missing
     */
    CarbonParameter save(CarbonParameter p, String actor) {
        check(p.woodDensity() > 0 && p.woodDensity() < 2, "woodDensity must be between 0 and 2 t/m³");
        check(p.bef() >= 1 && p.bef() < 5, "bef must be between 1 and 5");
        check(p.rootShoot() >= 0 && p.rootShoot() < 2, "rootShoot must be between 0 and 2");
        check(p.carbonFraction() > 0 && p.carbonFraction() < 1, "carbonFraction must be between 0 and 1");
        check(p.source() != null && !p.source().isBlank() && p.source().length() <= 400,
                "source must name where the values come from (up to 400 characters)");
        check(p.species() != null && p.species().matches("[a-z_]{2,32}"), "species must be a code like black_locust");
        check(p.nameZh() == null || (!p.nameZh().isBlank() && p.nameZh().length() <= 50),
                "nameZh must be the species' Chinese name, 1 to 50 characters");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int n = jdbc.update("UPDATE carbon_parameter SET name_zh = COALESCE(?, name_zh), wood_density = ?, bef = ?, root_shoot = ?,"
                        + " carbon_fraction = ?, source = ?, updated_by = ?, updated_at = ? WHERE species = ?",
                p.nameZh(), p.woodDensity(), p.bef(), p.rootShoot(), p.carbonFraction(), p.source(), actor, now,
                p.species());
        if (n == 0) {
            jdbc.update("INSERT INTO carbon_parameter (species, name_zh, wood_density, bef, root_shoot,"
                            + " carbon_fraction, source, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    p.species(), p.nameZh() == null ? p.species() : p.nameZh(), p.woodDensity(), p.bef(),
                    p.rootShoot(), p.carbonFraction(), p.source(), actor, now);
        }
        return of(p.species());
    }

    private static void check(boolean ok, String detail) {
        if (!ok) {
            throw new ProblemException(422, "invalid-parameter", "Invalid carbon parameter", detail);
        }
    }

    @Override
    public Map<String, Double> tonnesCarbonPerM3() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (CarbonParameter p : all()) {
            m.put(p.species(), p.carbonPerM3());
        }
        return m;
    }

    @Override
    public long version() {
        Long v = jdbc.queryForObject("SELECT COUNT(*), MAX(updated_at) FROM carbon_parameter", (rs, i) -> {
            OffsetDateTime latest = rs.getObject(2, OffsetDateTime.class);
            return (latest == null ? 0 : latest.toInstant().toEpochMilli()) * 31 + rs.getLong(1);
        });
        return v == null ? 0 : v;
    }
}
