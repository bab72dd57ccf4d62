package cn.dongli.carbonmap.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Dimension;
import org.locationtech.jts.geom.Location;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.support.Gdal;
import cn.dongli.carbonmap.support.HttpApi;

/**
 * Exports on the Dongli sample data, the same on both storage profiles: every format, in both CRSs, imports again as
 * the same features (count, attributes, coordinates within 1e-7°); a street's export holds exactly the features inside
 * it; GDAL reads what is written; the file name survives in Chinese.
 */
abstract class ExportContract {

    @LocalServerPort
    int port;

    @Autowired
    FeatureStore store;

    @Autowired
    LayerCatalog catalog;

    @TempDir
    Path dir;

    HttpApi anonymous;
    HttpApi admin;

    @BeforeEach
    void clients() {
        anonymous = new HttpApi(port);
        admin = anonymous.asAdmin();
    }

    @ParameterizedTest(name = "{0} {1} in {2}")
    @CsvSource({
            "forest_plots, geojson,   EPSG:4490",
            "forest_plots, gpkg,      EPSG:4548",
            "forest_plots, shapefile, EPSG:4548",
            "forest_plots, csv,       EPSG:4490",
            "pv_rooftops,  geojson,   EPSG:4548",
            "pv_rooftops,  gpkg,      EPSG:4490",
            "pv_rooftops,  shapefile, EPSG:4490",
            "pv_rooftops,  csv,       EPSG:4548"})
    void anExportImportsAgainAsTheSameFeatures(String layerName, String format, String crs) {
        Layer layer = catalog.get(layerName);
        List<Feature> before = all(layer);
        HttpApi.Response export = anonymous.getBytes("/api/layers/" + layerName + "/export?format=" + format
                + "&crs=" + crs);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.headers().firstValue("X-Feature-Count")).contains(Integer.toString(before.size()));

        String srcCrs = format.equals("csv") ? "&srcCrs=" + crs : "";
        HttpApi.Response imported = admin.post("/api/layers/" + layerName + "/import?mode=replace" + srcCrs,
                export.headers().firstValue("Content-Type").orElseThrow(), export.bytes());
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("imported").intValue()).isEqualTo(before.size());

        List<Feature> after = all(layer);
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            Feature a = before.get(i);
            Feature b = after.get(i);
            assertThat(b.attributes()).as("feature %d attributes", i).isEqualTo(a.attributes());
            assertThat(b.geometry().equalsExact(a.geometry(), 1e-7)).as("feature %d geometry within 1e-7°: %s vs %s",
                    i, a.geometry(), b.geometry()).isTrue();
        }
    }

    @Test
    void aStreetsExportHoldsExactlyTheFeaturesInsideIt() {
        Layer streets = catalog.get("streets");
        Layer plots = catalog.get("forest_plots");
        List<Feature> all = all(plots);
        for (Feature street : all(streets).subList(0, 3)) {
            List<Long> expected = all.stream().filter(f -> street.geometry().relate(f.geometry())
                    .get(Location.INTERIOR, Location.INTERIOR) != Dimension.FALSE).map(Feature::id).toList();
            HttpApi.Response export = anonymous.getBytes("/api/layers/forest_plots/export?format=geojson&street="
                    + street.attributes().get("code"));
            assertThat(export.status()).isEqualTo(200);
            List<Long> ids = new ArrayList<>();
            export.json().get("features").valueStream().forEach(f -> ids.add(f.get("id").longValue()));
            assertThat(ids).as("plots in " + street.attributes().get("name")).isEqualTo(expected);
        }
        long total = all.size();
        long inFirstStreets = all(streets).stream().mapToLong(s -> Long.parseLong(anonymous.getBytes(
                "/api/layers/forest_plots/export?format=csv&street=" + s.attributes().get("code")).headers()
                .firstValue("X-Feature-Count").orElseThrow())).sum();
        // every plot lies in a street; one on a boundary is in both
        assertThat(inFirstStreets).isGreaterThanOrEqualTo(total);
    }

    @Test
    void theFileNameIsTheChineseTitleWithAnAsciiFallback() {
        Feature street = all(catalog.get("streets")).get(0);
        HttpApi.Response export = anonymous.getBytes("/api/layers/forest_plots/export?format=shapefile&crs=EPSG:4548"
                + "&street=" + street.attributes().get("code"));
        String disposition = export.headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(disposition).startsWith("attachment; filename=\"forest_plots_" + street.attributes().get("code")
                + "_EPSG4548.zip\"; filename*=UTF-8''");
        String encoded = disposition.substring(disposition.indexOf("UTF-8''") + 7);
        assertThat(encoded).matches("[A-Za-z0-9%._!#$&+^`|~-]+");
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8))
                .isEqualTo("林地小班_" + street.attributes().get("name") + "_EPSG4548.zip");
    }

    @Test
    void gdalReadsTheShapefileAndTheGeoPackageWithTheirCrs() throws IOException {
        long plots = store.count(catalog.get("forest_plots"));
        Path zip = write("plots.zip", anonymous.getBytes("/api/layers/forest_plots/export?format=shapefile&crs=EPSG:4548"));
        String shp = Gdal.ogrinfo("-ro", "-so", "-al", "/vsizip/" + zip);
        assertThat(shp).contains("Feature Count: " + plots).contains("CGCS2000 / 3-degree Gauss-Kruger CM 117E")
                .contains("canopy_clo: Real");
        Path gpkg = write("plots.gpkg", anonymous.getBytes("/api/layers/forest_plots/export?format=gpkg"));
        assertThat(Gdal.ogrinfo("-ro", "-so", "-al", gpkg)).contains("Feature Count: " + plots)
                .contains("China Geodetic Coordinate System 2000").contains("canopy_closure: Real")
                .contains("survey_date: Date");
        Gdal.validateGeoPackage(gpkg);
        Path csv = write("plots.csv", anonymous.getBytes("/api/layers/forest_plots/export?format=csv"));
        assertThat(Gdal.ogrinfo("-ro", "-so", "-al", csv, "-oo", "GEOM_POSSIBLE_NAMES=WKT", "-oo",
                "KEEP_GEOM_COLUMNS=NO")).contains("Feature Count: " + plots).contains("Extent: (117.");
    }

    @Test
    void badParametersAreProblems() {
        assertThat(anonymous.get("/api/layers/forest_plots/export?format=kml").status()).isEqualTo(400);
        assertThat(anonymous.get("/api/layers/forest_plots/export?crs=EPSG:3857").json().get("code").asString())
                .isEqualTo("unsupported-crs");
        assertThat(anonymous.get("/api/layers/forest_plots/export?street=000000000000").json().get("code").asString())
                .isEqualTo("unknown-unit");
        assertThat(anonymous.get("/api/layers/forest_plots/export?street=1&zone=2").status()).isEqualTo(400);
        assertThat(anonymous.get("/api/layers/rivers/export").status()).isEqualTo(404);
    }

    private List<Feature> all(Layer layer) {
        List<Feature> features = new ArrayList<>();
        store.forEach(layer, features::add);
        return features;
    }

    private Path write(String name, HttpApi.Response response) {
        assertThat(response.status()).isEqualTo(200);
        try {
            return Files.write(dir.resolve(name), Objects.requireNonNull(response.bytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
