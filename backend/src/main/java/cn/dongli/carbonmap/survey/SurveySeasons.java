package cn.dongli.carbonmap.survey;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.geom.Geometries;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureDraft;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.metrics.SeasonLayers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Survey seasons and their frozen features. A season is opened, surveyed (the live forest plots are the working
 * copy), then closed: the live plots (and the land cover, if chosen) are copied into the season and never change
 * again — the API offers no change, and a database trigger refuses one. A past season can also be imported from a
 * file, closed at once.
 */
@Component
class SurveySeasons implements SeasonLayers, SeasonImport {

    /** A season. */
    record Season(long id, String code, String name, LocalDate surveyDate, String state, boolean withLandCover,
                  String createdBy, Instant createdAt, String closedBy, Instant closedAt) {
        boolean closed() {
            return "closed".equals(state);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String SELECT = "SELECT id, code, name, survey_date, state, with_land_cover, created_by,"
            + " created_at, closed_by, closed_at FROM survey_season";

    private final JdbcTemplate jdbc;
    private final FeatureStore store;
    private final LayerCatalog catalog;
    private final TransactionTemplate tx;

    SurveySeasons(JdbcTemplate jdbc, FeatureStore store, LayerCatalog catalog, PlatformTransactionManager tm) {
        this.jdbc = jdbc;
        this.store = store;
        this.catalog = catalog;
        this.tx = new TransactionTemplate(tm);
    }

    List<Season> all() {
        return jdbc.query(SELECT + " ORDER BY survey_date, code", (rs, i) -> new Season(rs.getLong(1),
                rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class), rs.getString(5), rs.getBoolean(6),
                rs.getString(7), rs.getObject(8, OffsetDateTime.class).toInstant(), rs.getString(9),
                Optional.ofNullable(rs.getObject(10, OffsetDateTime.class)).map(OffsetDateTime::toInstant)
                        .orElse(null)));
    }

    Optional<Season> find(String code) {
        return all().stream().filter(s -> s.code().equals(code)).findFirst();
    }

    Season get(String code) {
        return find(code).orElseThrow(() -> ProblemException.notFound("unknown-season",
                "there is no survey season '" + code + "'"));
    }

    Optional<Season> open() {
        return all().stream().filter(s -> !s.closed()).findFirst();
    }

    /** Opens a season: the live plots are its working copy until it is closed. One season is open at a time. */
    Season create(String code, String name, LocalDate surveyDate, boolean withLandCover, String actor) {
        checkCode(code);
        if (find(code).isPresent()) {
            throw conflict("there is already a survey season '" + code + "'");
        }
        open().ifPresent(s -> {
            throw conflict("season '" + s.code() + "' is still open: close it first");
        });
        insert(code, name, surveyDate, "open", withLandCover, actor);
        return get(code);
    }

    /** Closes the open season: copies the live forest plots (and land cover) into it, frozen from now on. */
    Season close(String code, String actor) {
        Season season = get(code);
        if (season.closed()) {
            throw conflict("season '" + code + "' is closed and frozen");
        }
        tx.executeWithoutResult(s -> {
            List<String> layers = season.withLandCover()
                    ? List.of(LayerCatalog.FOREST_PLOTS, LayerCatalog.LAND_COVER) : List.of(LayerCatalog.FOREST_PLOTS);
            for (String layer : layers) {
                // the layer's write lock: the snapshot is one consistent state of the layer
                store.lockForWrite(catalog.get(layer));
                List<Feature> features = new ArrayList<>();
                store.forEach(catalog.get(layer), features::add);
                freeze(season.id(), layer, features.stream().map(f -> new Frozen(f.id(), f.attributes(), f.extra(),
                        f.geometry())).toList());
            }
            int n = jdbc.update("UPDATE survey_season SET state = 'closed', closed_by = ?, closed_at = ?"
                    + " WHERE id = ? AND state = 'open'", actor, OffsetDateTime.now(ZoneOffset.UTC), season.id());
            if (n == 0) {
                throw conflict("season '" + code + "' was closed meanwhile");
            }
        });
        return get(code);
    }

    /** Imports a past season's forest plots from validated drafts, closed and frozen at once. */
    Season importClosed(String code, String name, LocalDate surveyDate, List<FeatureDraft> plots, String actor) {
        checkCode(code);
        if (find(code).isPresent()) {
            throw conflict("there is already a survey season '" + code + "': seasons are never overwritten");
        }
        tx.executeWithoutResult(s -> {
            insert(code, name, surveyDate, "closed", false, actor);
            long id = get(code).id();
            List<Frozen> frozen = new ArrayList<>();
            long fid = 1;
            for (FeatureDraft d : plots) {
                frozen.add(new Frozen(fid++, d.attributes(), d.extra(), d.geometry()));
            }
            freeze(id, LayerCatalog.FOREST_PLOTS, frozen);
            jdbc.update("UPDATE survey_season SET closed_by = ?, closed_at = ? WHERE id = ?", actor,
                    OffsetDateTime.now(ZoneOffset.UTC), id);
        });
        return get(code);
    }

    @Override
    public void importPast(String code, String name, LocalDate surveyDate, List<FeatureDraft> plots, String actor) {
        importClosed(code, name, surveyDate, plots, actor);
    }

    @Override
    public void openSeason(String code, String name, LocalDate surveyDate, boolean withLandCover, String actor) {
        create(code, name, surveyDate, withLandCover, actor);
    }

    private void insert(String code, String name, LocalDate date, String state, boolean withLandCover, String actor) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new ProblemException(422, "invalid-season", "Invalid season", "name the season (1–200 characters)");
        }
        if (date == null) {
            throw new ProblemException(422, "invalid-season", "Invalid season", "give the survey date (yyyy-mm-dd)");
        }
        jdbc.update("INSERT INTO survey_season (code, name, survey_date, state, with_land_cover, created_by,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", code, name, date, state, withLandCover, actor,
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    private static void checkCode(String code) {
        if (code == null || !code.matches("[A-Za-z0-9_\\-]{1,20}")) {
            throw new ProblemException(422, "invalid-season", "Invalid season",
                    "a season code is 1–20 letters, digits, '-' or '_', e.g. 2024 or 2024-autumn");
        }
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(409, "season-frozen", "Season frozen", detail);
    }

    private record Frozen(long id, Map<String, Object> attributes, Map<String, Object> extra, Geometry geometry) {
    }

    private void freeze(long seasonId, String layer, List<Frozen> features) {
        jdbc.batchUpdate("INSERT INTO season_feature (season_id, layer_name, feature_id, attributes, extra, geom)"
                + " VALUES (?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4490))", features, 1000, (PreparedStatement ps, Frozen f) -> {
                    ps.setLong(1, seasonId);
                    ps.setString(2, layer);
                    ps.setLong(3, f.id());
                    ps.setString(4, JSON.writeValueAsString(f.attributes()));
                    ps.setString(5, JSON.writeValueAsString(f.extra() == null ? Map.of() : f.extra()));
                    ps.setBytes(6, new WKBWriter(2).write(f.geometry()));
                });
    }

    /** The frozen features of a layer in a season. */
    List<Feature> frozen(Season season, String layer) {
        Instant at = season.closedAt() == null ? season.createdAt() : season.closedAt();
        return jdbc.query("SELECT feature_id, attributes, extra, ST_AsBinary(geom) FROM season_feature"
                + " WHERE season_id = ? AND layer_name = ? ORDER BY feature_id", (rs, i) -> {
                    try {
                        return new Feature(rs.getLong(1), layer, 1, Geometries.toStoredMultiPolygon(
                                new WKBReader(Geometries.STORAGE).read(rs.getBytes(4))),
                                JSON.readValue(rs.getString(2), MAP), JSON.readValue(rs.getString(3), MAP),
                                season.closedBy() == null ? season.createdBy() : season.closedBy(), at,
                                season.closedBy() == null ? season.createdBy() : season.closedBy(), at);
                    } catch (ParseException e) {
                        throw new IllegalStateException("unreadable geometry in season " + season.code(), e);
                    }
                }, season.id(), layer);
    }

    @Override
    public Optional<Map<String, List<Feature>>> frozen(String code) {
        return find(code).filter(Season::closed).map(season -> {
            Map<String, List<Feature>> layers = new LinkedHashMap<>();
            layers.put(LayerCatalog.FOREST_PLOTS, frozen(season, LayerCatalog.FOREST_PLOTS));
            if (season.withLandCover()) {
                layers.put(LayerCatalog.LAND_COVER, frozen(season, LayerCatalog.LAND_COVER));
            }
            return layers;
        });
    }

    // --- survey progress of the open season -------------------------------------------------------------------

    /** Marks a plot of the open season surveyed (again: the latest mark counts). */
    void markSurveyed(Season season, long featureId, String actor) {
        if (season.closed()) {
            throw conflict("season '" + season.code() + "' is closed and frozen");
        }
        tx.executeWithoutResult(s -> {
            jdbc.update("DELETE FROM season_survey WHERE season_id = ? AND feature_id = ?", season.id(), featureId);
            jdbc.update("INSERT INTO season_survey (season_id, feature_id, surveyed_by, surveyed_at) VALUES (?, ?, ?, ?)",
                    season.id(), featureId, actor, OffsetDateTime.now(ZoneOffset.UTC));
        });
    }

    /** Who surveyed which plot in a season, and when. */
    record Mark(String by, Instant at) {
    }

    Map<Long, Mark> marks(Season season) {
        Map<Long, Mark> out = new LinkedHashMap<>();
        jdbc.query("SELECT feature_id, surveyed_by, surveyed_at FROM season_survey WHERE season_id = ?", rs -> {
            out.put(rs.getLong(1), new Mark(rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant()));
        }, season.id());
        return out;
    }
}
