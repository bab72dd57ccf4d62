package cn.dongli.carbonmap.survey;

import static cn.dongli.carbonmap.support.GeoJsonText.box;
import static cn.dongli.carbonmap.support.GeoJsonText.feature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import javax.imageio.ImageIO;
import javax.sql.DataSource;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.support.HttpApi;
import tools.jackson.databind.JsonNode;

/**
 * Carbon-sink surveys on both storage profiles: seasons are frozen, the series across seeded seasons, carbon by hand,
 * and the reports. Street A is 117.40–117.42 E, street B 117.42–117.44 E, both 39.10–39.12 N; the level-1 zone is
 * street A.
 */
abstract class SurveyApiContract {

    @LocalServerPort
    int port;

    @Autowired
    FeatureStore store;

    @Autowired
    LayerCatalog catalog;

    @Autowired
    DataSource dataSource;

    HttpApi anonymous;
    HttpApi admin;

    static String plot(String code, String species, double lon, double lat, double canopy, double stock) {
        return feature(box(lon, lat, lon + 0.002, lat + 0.002), "{\"plot_code\":\"" + code + "\",\"species\":\""
                + species + "\",\"canopy_closure\":" + canopy + ",\"stock_m3\":" + stock + "}");
    }

    static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    @BeforeEach
    void district() {
        anonymous = new HttpApi(port);
        admin = anonymous.asAdmin();
        for (var layer : catalog.all()) {
            store.importFeatures(layer, List.of(), true, "test");
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM season_survey");
            // the frozen rows refuse deletion; tests start from empty seasons by dropping them all with the trigger off
            s.execute(dropFrozen());
            s.execute("DELETE FROM survey_season");
            s.execute(recreateTrigger());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(admin.post("/api/layers/streets/import", "application/geo+json", collection(
                feature(box(117.40, 39.10, 117.42, 39.12), "{\"code\":\"120110000001\",\"name\":\"甲街道\"}"),
                feature(box(117.42, 39.10, 117.44, 39.12), "{\"code\":\"120110000002\",\"name\":\"乙街道\"}")))
                .status()).isEqualTo(200);
        assertThat(admin.post("/api/layers/zones/import", "application/geo+json", collection(
                feature(box(117.40, 39.10, 117.42, 39.12),
                        "{\"code\":\"GL-1\",\"name\":\"一级管控区\",\"zone_type\":\"control_level\",\"level\":1}")))
                .status()).isEqualTo(200);
        // the default poplar parameters, in case a test changed them
        admin.send("PUT", "/api/carbon/parameters/poplar", "application/json", "{\"nameZh\":\"杨树\","
                + "\"woodDensity\":0.378,\"bef\":1.446,\"rootShoot\":0.227,\"carbonFraction\":0.4956,"
                + "\"source\":\"《省级温室气体清单编制指南（试行）》（国家发展改革委，2011）全国主要优势树种（组）生物量转换系数表：杨树\"}", null);
    }

    /** SQL that removes every frozen row despite the trigger (the tests' own clean-up). */
    abstract String dropFrozen();

    abstract String recreateTrigger();

    HttpApi.Response importSeason(String code, String date, String... plots) {
        return admin.post("/api/seasons/" + code + "/import?name=" + code + "%E5%B9%B4%E8%B0%83%E6%9F%A5&surveyDate="
                + date, "application/geo+json", collection(plots));
    }

    @Test
    void carbonIsStockTimesDensityExpansionRootsAndCarbonFraction() {
        admin.post("/api/layers/forest_plots/import", "application/geo+json", collection(
                plot("DL-1", "poplar", 117.401, 39.101, 0.6, 100),
                plot("DL-2", "elm", 117.405, 39.101, 0.6, 40)));
        // by hand, with the table's published values: 杨树 0.378 × 1.446 × (1 + 0.227) × 0.4956, 榆树 0.598 × 1.671 ×
        // (1 + 0.621) × 0.4717
        double poplar = 100 * 0.378 * 1.446 * 1.227 * 0.4956;
        double elm = 40 * 0.598 * 1.671 * 1.621 * 0.4717;
        JsonNode street = unit("streets", "120110000001");
        assertThat(street.get("carbonT").doubleValue()).isCloseTo(poplar + elm, within(1e-6));
        assertThat(street.get("co2T").doubleValue()).isCloseTo((poplar + elm) * 44 / 12, within(1e-6));
        JsonNode perPlot = anonymous.get("/api/carbon/plots").json();
        assertThat(perPlot.valueStream().filter(p -> p.get("plot_code").asString().equals("DL-1")).findFirst()
                .orElseThrow().get("carbonT").doubleValue()).isCloseTo(poplar, within(1e-9));

        // staff change a parameter: the figures follow (1.0 × 1.5 × 1.25 × 0.5 = 0.9375 t C per m³)
        HttpApi.Response changed = admin.send("PUT", "/api/carbon/parameters/poplar", "application/json",
                "{\"nameZh\":\"杨树\",\"woodDensity\":1.0,\"bef\":1.5,\"rootShoot\":0.25,\"carbonFraction\":0.5,"
                        + "\"source\":\"区林业站2024年实测\"}", null);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(unit("streets", "120110000001").get("carbonT").doubleValue()).isCloseTo(93.75 + elm, within(1e-6));
        HttpApi.Response noSource = admin.send("PUT", "/api/carbon/parameters/poplar", "application/json",
                "{\"woodDensity\":1.0,\"bef\":1.5,\"rootShoot\":0.25,\"carbonFraction\":0.5}", null);
        assertThat(noSource.status()).isEqualTo(422);
        assertThat(anonymous.send("PUT", "/api/carbon/parameters/poplar", "application/json", "{}", null).status())
                .isEqualTo(401);
    }

    JsonNode unit(String selection, String code) {
        return anonymous.get("/api/metrics?unit=" + selection).json().valueStream()
                .filter(u -> u.get("code").asString().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void aClosedSeasonIsFrozen() throws Exception {
        admin.post("/api/layers/forest_plots/import", "application/geo+json", collection(
                plot("DL-1", "poplar", 117.401, 39.101, 0.6, 100)));
        HttpApi.Response opened = admin.post("/api/seasons", "application/json",
                "{\"code\":\"2024\",\"name\":\"2024年秋季调查\",\"surveyDate\":\"2024-10-15\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        long plotId = anonymous.get("/api/layers/forest_plots/features").json().get("features").get(0).get("id").longValue();
        assertThat(admin.post("/api/seasons/2024/plots/" + plotId + "/surveyed", "application/json", "{}").status())
                .isEqualTo(200);
        assertThat(anonymous.get("/api/seasons/2024/progress").json().get("surveyed").intValue()).isEqualTo(1);
        assertThat(admin.post("/api/seasons/2024/close", "application/json", "{}").status()).isEqualTo(200);
        double frozenStock = seasonUnit("2024", "L1").get("forestStockM3").doubleValue();
        assertThat(frozenStock).isCloseTo(100, within(1e-6));

        // the live layer moves on; the season does not
        admin.put("/api/layers/forest_plots/features/" + plotId, "\"1\"", plot("DL-1", "poplar", 117.401, 39.101, 0.6, 130));
        assertThat(unit("zones", "L1").get("forestStockM3").doubleValue()).isCloseTo(130, within(1e-6));
        assertThat(seasonUnit("2024", "L1").get("forestStockM3").doubleValue()).isCloseTo(100, within(1e-6));

        // no way to change it: not through the API …
        assertThat(admin.post("/api/seasons/2024/close", "application/json", "{}").status()).isEqualTo(409);
        assertThat(importSeason("2024", "2024-10-15", plot("DL-1", "poplar", 117.401, 39.101, 0.6, 1)).status())
                .isEqualTo(409);
        assertThat(admin.post("/api/seasons/2024/plots/" + plotId + "/surveyed", "application/json", "{}").status())
                .isEqualTo(409);
        // … nor in the database
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.executeUpdate(
                    "UPDATE season_feature SET attributes = '{}'")).hasMessageContaining("frozen");
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.executeUpdate("DELETE FROM season_feature"))
                    .hasMessageContaining("frozen");
        }
        assertThat(seasonUnit("2024", "L1").get("forestStockM3").doubleValue()).isCloseTo(100, within(1e-6));
    }

    JsonNode seasonUnit(String season, String code) {
        HttpApi.Response r = anonymous.get("/api/metrics?unit=zones&season=" + season);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().valueStream().filter(u -> u.get("code").asString().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void threeSeasonsMakeASeriesWithTheCarbonSequesteredBetweenThem() {
        assertThat(importSeason("2022", "2022-10-01", plot("DL-1", "poplar", 117.401, 39.101, 0.5, 80),
                plot("DL-2", "poplar", 117.405, 39.101, 0.15, 20)).status()).isEqualTo(201);
        assertThat(importSeason("2023", "2023-10-01", plot("DL-1", "poplar", 117.401, 39.101, 0.55, 90),
                plot("DL-2", "poplar", 117.405, 39.101, 0.25, 25)).status()).isEqualTo(201);
        assertThat(importSeason("2024", "2024-10-01", plot("DL-1", "poplar", 117.401, 39.101, 0.6, 100),
                plot("DL-2", "poplar", 117.405, 39.101, 0.3, 30),
                plot("DL-3", "poplar", 117.431, 39.101, 0.4, 10)).status()).isEqualTo(201);
        assertThat(anonymous.get("/api/seasons").json().valueStream().map(s -> s.get("code").asString()))
                .containsExactly("2022", "2023", "2024");
        double factor = 0.378 * 1.446 * 1.227 * 0.4956;
        JsonNode series = anonymous.get("/api/seasons/series?unit=level&code=L1").json();
        assertThat(series.valueStream().map(p -> p.get("season").asString()))
                .containsExactly("2022", "2023", "2024", "current");
        assertThat(series.get(0).get("forestStockM3").doubleValue()).isCloseTo(100, within(1e-6));
        assertThat(series.get(1).get("forestStockM3").doubleValue()).isCloseTo(115, within(1e-6));
        assertThat(series.get(2).get("forestStockM3").doubleValue()).isCloseTo(130, within(1e-6));
        assertThat(series.get(2).get("carbonT").doubleValue()).isCloseTo(130 * factor, within(1e-6));
        double years = java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.of(2023, 10, 1),
                java.time.LocalDate.of(2024, 10, 1)) / 365.25;
        assertThat(series.get(2).get("sequestrationTPerYear").doubleValue())
                .isCloseTo(15 * factor / years, within(1e-6));
        assertThat(series.get(0).get("sequestrationTPerYear").isNull()).isTrue();
        // in 2022 the second plot is too sparse to be forest; by 2023 it is
        double cell = cn.dongli.carbonmap.support.Quadrangle.area(117.405, 39.101, 117.407, 39.103);
        JsonNode change = anonymous.get("/api/seasons/change?from=2022&to=2023").json();
        JsonNode l1 = change.get("units").valueStream().filter(u -> u.get("code").asString().equals("L1"))
                .findFirst().orElseThrow();
        assertThat(l1.get("gainedM2").doubleValue()).isCloseTo(cell, within(cell * 1e-6));
        assertThat(l1.get("lostM2").doubleValue()).isZero();
        assertThat(change.get("gained").get("features").size()).isEqualTo(1);
        assertThat(change.get("changedPlots").valueStream().map(p -> p.get("plotCode").asString()))
                .containsExactly("DL-1", "DL-2");
    }

    @Test
    void aStreetsReportIsAWorkbookWithItsFiguresAndAPdfThatRenders() throws Exception {
        admin.post("/api/layers/forest_plots/import", "application/geo+json", collection(
                plot("DL-1", "poplar", 117.401, 39.101, 0.6, 100)));
        importSeason("2023", "2023-10-01", plot("DL-1", "poplar", 117.401, 39.101, 0.55, 90));
        double carbon = 100 * 0.378 * 1.446 * 1.227 * 0.4956;

        HttpApi.Response xlsx = anonymous.getBytes("/api/reports/street/120110000001.xlsx");
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.header("Content-Disposition")).contains("filename*=UTF-8''");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.bytes()))) {
            XSSFSheet indicators = wb.getSheet("指标");
            assertThat(indicators.getRow(0).getCell(0).getStringCellValue()).contains("甲街道");
            double found = -1;
            for (int r = 0; r <= indicators.getLastRowNum(); r++) {
                var row = indicators.getRow(r);
                if (row != null && row.getCell(0) != null && row.getCell(0).getStringCellValue().startsWith("碳储量")) {
                    found = row.getCell(1).getNumericCellValue();
                }
            }
            assertThat(found).isCloseTo(carbon, within(1e-6));
            XSSFSheet series = wb.getSheet("历次调查");
            assertThat(series.getRow(1).getCell(0).getStringCellValue()).isEqualTo("2023");
            assertThat(series.getRow(1).getCell(4).getNumericCellValue()).isCloseTo(90, within(1e-9));
            assertThat(series.getRow(2).getCell(0).getStringCellValue()).isEqualTo("现状");
            assertThat(wb.getAllPictures().size()).isEqualTo(1);
            assertThat(wb.getSheet("碳计量参数").getRow(1).getCell(1).getStringCellValue()).isNotBlank();
        }

        HttpApi.Response pdf = anonymous.getBytes("/api/reports/street/120110000001.pdf");
        assertThat(pdf.status()).as(pdf.body()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(pdf.bytes())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("甲街道").contains("森林蓄积量").contains("碳储量");
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 60);
            Path out = Path.of("target", "report-" + getClass().getSimpleName() + ".png");
            Files.createDirectories(out.getParent());
            ImageIO.write(page, "png", out.toFile());
            int dark = 0;
            for (int x = 0; x < page.getWidth(); x += 2) {
                for (int y = 0; y < page.getHeight(); y += 2) {
                    int rgb = page.getRGB(x, y);
                    if (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 300) {
                        dark++;
                    }
                }
            }
            assertThat(dark).as("ink on the first page").isGreaterThan(2000);
        }
        assertThat(anonymous.get("/api/reports/planet/x.pdf").status()).isEqualTo(400);
        assertThat(anonymous.get("/api/reports/street/999.pdf").status()).isEqualTo(404);
    }
}
