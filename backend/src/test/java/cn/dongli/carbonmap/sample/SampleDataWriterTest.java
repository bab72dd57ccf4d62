package cn.dongli.carbonmap.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;

import cn.dongli.carbonmap.geom.GeometryValidator;
import cn.dongli.carbonmap.geom.io.GeoJsonReader;
import cn.dongli.carbonmap.geom.io.SourceDataset;
import cn.dongli.carbonmap.geom.io.SourceFeature;
import cn.dongli.carbonmap.geom.io.UnreadableInputException;
import cn.dongli.carbonmap.layer.AttributeValidator;
import cn.dongli.carbonmap.layer.LayerCatalog;

/** The sample data set as files: written, read back with CarbonMap's own reader, and checked as an import would. */
class SampleDataWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesOneReadableGeoJsonFilePerLayerAndAReadme() throws IOException, UnreadableInputException {
        SyntheticDistrict sample = GeneratedSets.sample();
        SampleDataWriter.write(sample, dir);
        LayerCatalog catalog = new LayerCatalog();
        long bytes = 0;
        for (String layer : SyntheticDistrict.LAYERS) {
            Path file = dir.resolve(layer + ".geojson");
            bytes += Files.size(file);
            SourceDataset data;
            try (InputStream in = Files.newInputStream(file)) {
                data = GeoJsonReader.read(in);
            }
            List<SourceFeature> features = data.features();
            assertEquals(sample.count(layer), features.size(), layer);
            for (int i = 0; i < features.size(); i++) {
                SourceFeature f = features.get(i);
                assertNull(f.problem(), layer + " #" + i);
                AttributeValidator.Result result = AttributeValidator.validate(catalog.get(layer), f.properties());
                assertTrue(result.valid(), layer + " #" + i + ": " + result.problems());
                assertTrue(f.geometry().equalsExact(sample.features(layer).get(i).geometry()),
                        layer + " #" + i + " reads back as written");
                assertTrue(GeometryValidator.tianjin().validate(f.geometry()).isEmpty(), layer + " #" + i);
            }
        }
        assertTrue(bytes < 8 * 1024 * 1024, "the sample takes " + bytes + " bytes");

        for (SampleSeasons.Season season : SampleSeasons.of(sample)) {
            if (!season.closed()) {
                continue;
            }
            try (InputStream in = Files.newInputStream(dir.resolve(season.file()))) {
                List<SourceFeature> features = GeoJsonReader.read(in).features();
                assertEquals(season.plots().size(), features.size(), season.file());
                for (SourceFeature f : features) {
                    assertTrue(AttributeValidator.validate(catalog.get(LayerCatalog.FOREST_PLOTS), f.properties())
                            .valid(), season.file() + " #" + f.index());
                }
            }
        }
        String seasons = Files.readString(dir.resolve(SampleDataWriter.SEASONS_FILE), StandardCharsets.UTF_8);
        assertTrue(seasons.contains("\"code\": \"2024\", \"name\": \"2024年秋季调查\""), seasons);

        String readme = Files.readString(dir.resolve("README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains("synthetic"));
        assertTrue(readme.contains(SampleDataWriter.COMMAND));
        assertTrue(readme.contains("| " + sample.count(SyntheticDistrict.LAND_COVER) + " |"));
    }

    /**
     * The committed {@code gisdata/} is what the generator makes now: regenerate it ({@link SampleDataWriter#COMMAND})
     * after changing the generator. Geometries are compared by area and numbers to their last digit, so that a
     * difference in the last bit of a floating-point function on another platform does not fail the test.
     */
    @Test
    void committedSampleIsCurrent() throws IOException, UnreadableInputException {
        Path committed = Path.of("..", "gisdata");
        assertTrue(Files.isRegularFile(committed.resolve("land_cover.geojson")), "no committed sample at " + committed);
        SyntheticDistrict sample = GeneratedSets.sample();
        Map<String, List<GeneratedFeature>> files = new java.util.LinkedHashMap<>();
        for (String layer : SyntheticDistrict.LAYERS) {
            files.put(layer + ".geojson", sample.features(layer));
        }
        List<SampleSeasons.Season> seasons = SampleSeasons.of(sample);
        seasons.stream().filter(SampleSeasons.Season::closed).forEach(s -> files.put(s.file(), s.plots()));
        assertEquals(SampleDataWriter.seasonsJson(seasons), Files.readString(committed.resolve(
                SampleDataWriter.SEASONS_FILE), StandardCharsets.UTF_8), "regenerate gisdata/");
        for (Map.Entry<String, List<GeneratedFeature>> file : files.entrySet()) {
            String layer = file.getKey();
            List<SourceFeature> features;
            try (InputStream in = Files.newInputStream(committed.resolve(layer))) {
                features = GeoJsonReader.read(in).features();
            }
            List<GeneratedFeature> expected = file.getValue();
            assertEquals(expected.size(), features.size(), layer + ": regenerate gisdata/ (" + SampleDataWriter.COMMAND + ")");
            for (int i = 0; i < features.size(); i++) {
                Geometry g = expected.get(i).geometry();
                assertEquals(g.getArea(), features.get(i).geometry().getArea(), 1e-6 * g.getArea(), layer + " #" + i);
                Map<String, Object> actual = features.get(i).properties();
                assertEquals(expected.get(i).attributes().keySet(), actual.keySet(), layer + " #" + i);
                for (Map.Entry<String, Object> e : expected.get(i).attributes().entrySet()) {
                    Object value = actual.get(e.getKey());
                    if (e.getValue() instanceof Double d) {
                        assertEquals(d, ((Number) value).doubleValue(), 0.11, layer + " #" + i + " " + e.getKey());
                    } else if (e.getValue() instanceof Integer n) {
                        assertEquals(n.longValue(), ((Number) value).longValue(), layer + " #" + i + " " + e.getKey());
                    } else {
                        assertEquals(e.getValue().toString(), value.toString(), layer + " #" + i + " " + e.getKey());
                    }
                }
            }
        }
    }
}
