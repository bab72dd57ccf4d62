package cn.dongli.carbonmap.backup;

import static cn.dongli.carbonmap.support.GeoJsonText.box;
import static cn.dongli.carbonmap.support.GeoJsonText.feature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import cn.dongli.carbonmap.layer.DatabaseArchive;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.layer.store.TestStores;
import cn.dongli.carbonmap.support.HttpApi;
import cn.dongli.carbonmap.support.PostgisServer;

/**
 * A backup of everything restores into an empty database of either kind — layers with ids, versions and geometries,
 * history, accounts, seasons, carbon parameters, values for the plan, the audit log — and refuses a database that
 * already holds data.
 */
abstract class BackupContract {

    static final String PASSWORD = "a-long-password-1";

    @LocalServerPort
    int port;

    @Autowired
    DatabaseArchive archive;

    @Autowired
    FeatureStore store;

    @Autowired
    LayerCatalog catalog;

    @Autowired
    DataSource source;

    void fill() {
        HttpApi admin = new HttpApi(port).asAdmin();
        assertThat(admin.post("/api/layers/streets/import?mode=replace", "application/geo+json",
                "{\"type\":\"FeatureCollection\",\"features\":[" + feature(box(117.40, 39.10, 117.44, 39.12),
                        "{\"code\":\"120110000001\",\"name\":\"甲街道\",\"备注\":\"测试\"}") + "]}").status()).isEqualTo(200);
        HttpApi.Response plot = admin.post("/api/layers/forest_plots/features", "application/geo+json",
                feature(box(117.401, 39.101, 117.403, 39.103), "{\"plot_code\":\"DL-1\",\"species\":\"杨树\","
                        + "\"canopy_closure\":0.5,\"stock_m3\":80,\"survey_date\":\"2024-05-01\",\"林场\":\"东丽湖\"}"));
        assertThat(plot.status()).as(plot.body()).isEqualTo(201);
        long id = plot.json().get("id").longValue();
        admin.put("/api/layers/forest_plots/features/" + id, "\"1\"", feature(box(117.401, 39.101, 117.403, 39.103),
                "{\"plot_code\":\"DL-1\",\"species\":\"杨树\",\"canopy_closure\":0.55,\"stock_m3\":85}"));
        admin.post("/api/accounts", "application/json", "{\"username\":\"backup_editor\",\"password\":\"" + PASSWORD
                + "\",\"roles\":[\"EDITOR\"],\"layers\":[\"parks\"],\"street\":\"120110000001\"}");
        admin.post("/api/seasons/2023/import?name=2023&surveyDate=2023-10-01", "application/geo+json",
                "{\"type\":\"FeatureCollection\",\"features\":[" + feature(box(117.401, 39.101, 117.403, 39.103),
                        "{\"plot_code\":\"DL-1\",\"species\":\"poplar\",\"canopy_closure\":0.5,\"stock_m3\":70}") + "]}");
        admin.send("PUT", "/api/carbon/parameters/elm", "application/json", "{\"nameZh\":\"榆树\",\"woodDensity\":0.6,"
                + "\"bef\":1.7,\"rootShoot\":0.6,\"carbonFraction\":0.47,\"source\":\"区林业站实测\"}", null);
        admin.post("/api/plan/indicators/transport-2/values", "application/json", "{\"year\":2024,\"value\":\"21%\"}");
    }

    abstract DataSource emptyTarget(boolean postgis) throws Exception;

    @Test
    void everythingComesBackInAnEmptyDatabaseOfEitherKind() throws Exception {
        fill();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Map<String, Long> exported = archive.export(bytes);
        assertThat(exported.get("forest_plots")).isPositive();
        assertThat(exported.get("feature_history")).isGreaterThanOrEqualTo(2);

        for (boolean postgis : new boolean[] {false, true}) {
            DataSource target = emptyTarget(postgis);
            TestStores.migrate(target);
            Map<String, Long> restored = TestStores.archive(target).restore(new ByteArrayInputStream(bytes.toByteArray()));
            assertThat(restored).as(postgis ? "into PostGIS" : "into H2GIS").isEqualTo(exported);

            FeatureStore other = TestStores.on(target);
            for (Layer layer : catalog.all()) {
                assertThat(features(other, layer)).as(layer.name()).isEqualTo(features(store, layer));
            }
            Layer plots = catalog.get("forest_plots");
            Feature first = first(store, plots);
            long id = first.id();
            assertThat(other.history(plots, id)).extracting(h -> h.version() + h.op())
                    .isEqualTo(store.history(plots, id).stream().map(h -> h.version() + h.op()).toList());
            JdbcTemplate a = new JdbcTemplate(source);
            JdbcTemplate b = new JdbcTemplate(target);
            for (String sql : List.of("SELECT username || password_hash || roles || COALESCE(layers, '') || COALESCE(street_code, '') FROM account ORDER BY username",
                    "SELECT code || state FROM survey_season ORDER BY code",
                    "SELECT species || CAST(wood_density AS VARCHAR(30)) || source FROM carbon_parameter ORDER BY species",
                    "SELECT value_text FROM plan_indicator_value ORDER BY id",
                    "SELECT actor || action FROM audit_event ORDER BY id")) {
                assertThat(b.queryForList(sql, String.class)).as(sql).isEqualTo(a.queryForList(sql, String.class));
            }
            // new rows get new ids after the restored ones
            Feature created = other.insert(plots, new cn.dongli.carbonmap.layer.FeatureDraft(
                    first.geometry(), first.attributes(), Map.of()), "test");
            assertThat(created.id()).isGreaterThan(id);
            // a database with data is refused
            assertThatThrownBy(() -> TestStores.archive(target).restore(new ByteArrayInputStream(bytes.toByteArray())))
                    .hasMessageContaining("already holds");
        }
    }

    private static Feature first(FeatureStore s, Layer layer) {
        List<Feature> all = new ArrayList<>();
        s.forEach(layer, all::add);
        return all.get(0);
    }

    private static List<String> features(FeatureStore s, Layer layer) {
        List<String> out = new ArrayList<>();
        s.forEach(layer, f -> out.add(f.id() + "@" + f.version() + " " + f.attributes() + " " + f.extra() + " "
                + f.geometry().toText() + " " + f.createdBy() + " " + f.updatedAt()));
        return out;
    }

    static DataSource h2() throws Exception {
        return new DriverManagerDataSource("jdbc:h2:file:" + Files.createTempDirectory("carbonmap-restore-")
                .resolve("carbonmap"), "carbonmap", "");
    }

    static DataSource postgis() {
        String db = PostgisServer.createDatabase();
        return new DriverManagerDataSource(PostgisServer.url(db), PostgisServer.user(), PostgisServer.password());
    }
}
