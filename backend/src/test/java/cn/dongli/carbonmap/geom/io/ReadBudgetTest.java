package cn.dongli.carbonmap.geom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The readers apply their {@link ReadBudget} while they stream: a limit stops the read where it is reached, having read
 * only that much of the file, and a GeoPackage's own SQL (views, virtual tables) never runs or is stopped by SQLite's
 * progress handler. Generated inputs are endless or huge when read but small in the test: the bytes a reader took are
 * counted.
 */
class ReadBudgetTest {

    private static final Duration GENEROUS = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static ReadBudget budget(int features, long perGeometry, long vertices, Duration time) {
        return ReadBudget.start(new ReadBudget.Limits(features, perGeometry, vertices, 1_000_000, time));
    }

    private static ReadBudget small() {
        return budget(1_000, 10_000, 50_000, GENEROUS);
    }

    @Test
    void aGeoJsonRingOfTenMillionVerticesStopsAtTheLimitHavingReadLittleOfIt() {
        // 10 million positions are some 400 MB of JSON: read as a tree, they would not fit the test's heap
        HostileFiles.Counting ring = HostileFiles.hugeRing(10_000_000);
        InputLimitException e = assertTimeoutPreemptively(GENEROUS, () -> (InputLimitException) org.assertj.core.api
                .Assertions.catchThrowable(() -> GeoJsonReader.read(ring, small())));
        assertThat(e).isNotNull();
        assertThat(e.limit()).isEqualTo(InputLimitException.Limit.MAX_VERTICES_PER_GEOMETRY);
        assertThat(e.feature()).isZero();
        assertThat(e.getMessage()).contains("max-vertices-per-geometry", "10000");
        // some 40 bytes a position: it stopped at about the 10,001st
        assertThat(ring.consumed()).isLessThan(2_000_000);
    }

    @Test
    void endlessGeoJsonFeaturesStopAtTheFeatureLimit() {
        HostileFiles.Counting endless = HostileFiles.features(Long.MAX_VALUE);
        InputLimitException e = assertTimeoutPreemptively(GENEROUS, () -> (InputLimitException) org.assertj.core.api
                .Assertions.catchThrowable(() -> GeoJsonReader.read(endless, small())));
        assertThat(e.limit()).isEqualTo(InputLimitException.Limit.MAX_FEATURES);
        assertThat(e.feature()).isEqualTo(1_000);
        assertThat(endless.consumed()).isLessThan(1_000_000);
    }

    @Test
    void theTotalOfVerticesIsLimitedAcrossFeatures() {
        // 5 vertices a feature: the 10,001st feature has 50,005
        HostileFiles.Counting many = HostileFiles.features(20_000);
        assertThatThrownBy(() -> GeoJsonReader.read(many, budget(100_000, 10_000, 50_000, GENEROUS)))
                .isInstanceOfSatisfying(InputLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo(InputLimitException.Limit.MAX_VERTICES);
                    assertThat(e.feature()).isEqualTo(10_000);
                });
    }

    @Test
    void propertyValuesAreLimitedAsTheyAreRead() {
        String json = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"a\":["
                + "1,".repeat(2_000) + "1]},\"geometry\":null}]}";
        ReadBudget b = ReadBudget.start(new ReadBudget.Limits(10, 10, 10, 1_000, GENEROUS));
        assertThatThrownBy(() -> GeoJsonReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                b)).isInstanceOfSatisfying(InputLimitException.class,
                        e -> assertThat(e.limit()).isEqualTo(InputLimitException.Limit.MAX_VALUES));
    }

    @Test
    void aGeoJsonReadStopsWhenItsTimeIsUp() {
        HostileFiles.Counting endless = HostileFiles.features(Long.MAX_VALUE);
        ReadBudget b = budget(Integer.MAX_VALUE, 10_000, Long.MAX_VALUE, Duration.ofMillis(300));
        InputLimitException e = assertTimeoutPreemptively(GENEROUS, () -> (InputLimitException) org.assertj.core.api
                .Assertions.catchThrowable(() -> GeoJsonReader.read(endless, b)));
        assertThat(e.limit()).isEqualTo(InputLimitException.Limit.READ_TIME);
        assertThat(e.getMessage()).contains("300 ms", "read-time");
    }

    @Test
    void aGeoPackageWhoseFeaturesTableIsAViewOverAnEndlessQueryIsRefusedWithoutRunningIt() throws Exception {
        Path gpkg = HostileFiles.geoPackage(dir.resolve("endless.gpkg"), HostileFiles.endlessView(), false);
        assertThat(Files.size(gpkg)).isLessThan(100_000);
        InputLimitException e = assertTimeoutPreemptively(GENEROUS, () -> (InputLimitException) org.assertj.core.api
                .Assertions.catchThrowable(() -> GeoPackageReader.read(gpkg, null, small())));
        assertThat(e.limit()).isEqualTo(InputLimitException.Limit.TABLES_ONLY);
        assertThat(e.getMessage()).contains("'parcels'", "a view");
    }

    @Test
    void aViewOfThirtyMillionRowsIsRefused() throws Exception {
        Path gpkg = HostileFiles.geoPackage(dir.resolve("rows.gpkg"), HostileFiles.viewOfRows(30_000_000), false);
        assertThatThrownBy(() -> assertTimeoutPreemptively(GENEROUS,
                () -> GeoPackageReader.read(gpkg, null, small())))
                .isInstanceOfSatisfying(InputLimitException.class,
                        e -> assertThat(e.limit()).isEqualTo(InputLimitException.Limit.TABLES_ONLY));
    }

    @Test
    void aVirtualFeaturesTableIsRefused() throws Exception {
        Path gpkg = HostileFiles.geoPackage(dir.resolve("virtual.gpkg"),
                "CREATE VIRTUAL TABLE parcels USING rtree(id, minx, maxx, miny, maxy)", false);
        assertThatThrownBy(() -> GeoPackageReader.read(gpkg, null, small()))
                .isInstanceOfSatisfying(InputLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo(InputLimitException.Limit.TABLES_ONLY);
                    assertThat(e.getMessage()).contains("a virtual table");
                });
    }

    @Test
    void endlessGeoPackageMetadataIsStoppedByTheProgressHandlerWhenTheTimeIsUp() throws Exception {
        Path gpkg = HostileFiles.geoPackage(dir.resolve("contents.gpkg"),
                "CREATE TABLE parcels (fid INTEGER PRIMARY KEY, geom BLOB)", true);
        ReadBudget b = budget(1_000, 10_000, 50_000, Duration.ofMillis(500));
        long started = System.nanoTime();
        InputLimitException e = assertTimeoutPreemptively(GENEROUS, () -> (InputLimitException) org.assertj.core.api
                .Assertions.catchThrowable(() -> GeoPackageReader.read(gpkg, null, b)));
        assertThat(e.limit()).isEqualTo(InputLimitException.Limit.READ_TIME);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void cancellingTheBudgetFromAnotherThreadStopsAnEndlessGeoPackageRead() throws Exception {
        Path gpkg = HostileFiles.geoPackage(dir.resolve("contents.gpkg"),
                "CREATE TABLE parcels (fid INTEGER PRIMARY KEY, geom BLOB)", true);
        ReadBudget b = budget(1_000, 10_000, 50_000, Duration.ofHours(1));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                GeoPackageReader.read(gpkg, null, b);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        reader.start();
        Thread.sleep(300);
        assertThat(reader.isAlive()).isTrue();
        b.cancel();
        reader.join(20_000);
        assertThat(reader.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOfSatisfying(InputLimitException.class,
                e -> assertThat(e.limit()).isEqualTo(InputLimitException.Limit.CANCELLED));
    }

    @Test
    void aGeoPackageTableOfMoreRowsThanFeaturesAllowedStopsAtTheLimit() throws Exception {
        Path gpkg = HostileFiles.tableOf(dir.resolve("rows.gpkg"), 1_500);
        assertThatThrownBy(() -> GeoPackageReader.read(gpkg, null, small()))
                .isInstanceOfSatisfying(InputLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo(InputLimitException.Limit.MAX_FEATURES);
                    assertThat(e.feature()).isEqualTo(1_000);
                });
        assertThat(GeoPackageReader.read(gpkg, null, budget(2_000, 10_000, 50_000, GENEROUS)).features())
                .hasSize(1_500);
    }

    @Test
    void triggersOfAGeoPackageNeverRunAndTheFileIsOnlyRead() throws Exception {
        Path gpkg = HostileFiles.tableOf(dir.resolve("trigger.gpkg"), 3);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + gpkg.toAbsolutePath());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE trace (n INTEGER)");
            for (String when : new String[] {"INSERT", "UPDATE", "DELETE"}) {
                s.execute("CREATE TRIGGER t_" + when + " AFTER " + when + " ON parcels BEGIN INSERT INTO trace "
                        + HostileFiles.ENDLESS + " SELECT n FROM r; END");
            }
        }
        String before = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(gpkg)));
        assertThat(assertTimeoutPreemptively(GENEROUS, () -> GeoPackageReader.read(gpkg, null, small())).features())
                .hasSize(3).allSatisfy(f -> assertThat(f.problem()).isNull());
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(gpkg))))
                .isEqualTo(before);
    }

    @Test
    void aCsvOfTooManyRowsStopsAtTheFeatureLimit() {
        StringBuilder csv = new StringBuilder("WKT,name\n");
        for (int i = 0; i < 1_200; i++) {
            csv.append("\"POLYGON((0 0, 1 0, 1 1, 0 0))\",p").append(i).append('\n');
        }
        assertThatThrownBy(() -> CsvWktReader.read(new ByteArrayInputStream(csv.toString()
                .getBytes(StandardCharsets.UTF_8)), small()))
                .isInstanceOfSatisfying(InputLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo(InputLimitException.Limit.MAX_FEATURES);
                    assertThat(e.feature()).isEqualTo(1_000);
                });
    }
}
