package cn.dongli.carbonmap.sample;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.dongli.carbonmap.geom.CoordinateTransform;
import cn.dongli.carbonmap.geom.io.GeoJsonReader;
import cn.dongli.carbonmap.geom.io.SourceFeature;
import cn.dongli.carbonmap.geom.io.UnreadableInputException;
import cn.dongli.carbonmap.importer.FeatureImporter;
import cn.dongli.carbonmap.layer.FeatureDraft;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.FeatureValidator;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.survey.SeasonImport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * On the first start of an empty database, loads the Dongli sample data set ({@code gisdata/}, packed into the jar)
 * through the same importer and validation as any upload, then its survey seasons ({@code seasons.json}: the past
 * seasons' plots validated as a season import validates them, and the open season).
 *
 * <p>A failed load never stops the server: it is logged, readiness and the page say so ({@link SampleLoad}), and the
 * one transaction rolled back leaves the database as it was. Writes from clients wait until the application is ready
 * ({@link StartupWriteGate}), so none can collide with the load.
 */
@Component
@Order(10)
class SampleDataLoader implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SampleDataLoader.class);
    /** Who the sample's seasons are created and closed by (as its features are). */
    private static final String SYSTEM = "system";

    private final SampleSettings settings;
    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final FeatureImporter importer;
    private final FeatureValidator validator;
    private final SeasonImport seasons;
    private final TransactionTemplate tx;
    private final SampleLoad load;

    SampleDataLoader(SampleSettings settings, LayerCatalog catalog, FeatureStore store, FeatureImporter importer,
                     FeatureValidator validator, SeasonImport seasons, PlatformTransactionManager transactions,
                     SampleLoad load) {
        this.load = load;
        this.settings = settings;
        this.catalog = catalog;
        this.store = store;
        this.importer = importer;
        this.validator = validator;
        this.seasons = seasons;
        this.tx = new TransactionTemplate(transactions);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!settings.loadSample() || catalog.all().stream().anyMatch(l -> store.count(l) > 0)) {
            return;
        }
        load.loading();
        try {
            loadAll();
            load.loaded();
        } catch (RuntimeException e) {
            // the server goes on, on the database as it was: the one transaction rolled back
            LOG.error("the sample data could not be loaded; the database is left as it was and CarbonMap runs on", e);
            load.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private void loadAll() {
        // one transaction for the whole data set: a start interrupted or failed while loading leaves an empty
        // database, and the next start loads it again
        tx.executeWithoutResult(s -> {
            for (Layer layer : catalog.all()) {
                ClassPathResource file = new ClassPathResource("sample/" + layer.name() + ".geojson");
                if (!file.exists()) {
                    LOG.warn("no sample data for layer {}", layer.name());
                    continue;
                }
                try (InputStream in = file.getInputStream()) {
                    FeatureImporter.Result r = importer.importDataset(layer, GeoJsonReader.read(in), false);
                    LOG.info("sample data: {} features into {}", r.imported(), layer.name());
                } catch (IOException | UnreadableInputException e) {
                    throw new IllegalStateException("the sample data of layer " + layer.name()
                            + " cannot be read: " + e.getMessage(), e);
                }
            }
            loadSeasons();
        });
    }

    /** The survey seasons of {@code seasons.json}, oldest first. */
    private void loadSeasons() {
        ClassPathResource list = new ClassPathResource("sample/" + SampleDataWriter.SEASONS_FILE);
        if (!list.exists()) {
            return;
        }
        JsonNode root;
        try (InputStream in = list.getInputStream()) {
            root = JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("the sample's survey seasons cannot be read: " + e.getMessage(), e);
        }
        for (JsonNode s : root.get("seasons")) {
            String code = s.get("code").asString();
            String name = s.get("name").asString();
            LocalDate date = LocalDate.parse(s.get("surveyDate").asString());
            if ("open".equals(s.get("state").asString())) {
                seasons.openSeason(code, name, date, false, SYSTEM);
                LOG.info("sample data: survey season {} open", code);
                continue;
            }
            List<FeatureDraft> plots = plots(s.get("file").asString());
            seasons.importPast(code, name, date, plots, SYSTEM);
            LOG.info("sample data: survey season {} with {} plots, closed", code, plots.size());
        }
    }

    /** A past season's plots, checked as {@code POST /api/seasons/{code}/import} checks them. */
    private List<FeatureDraft> plots(String file) {
        Layer plots = catalog.get(LayerCatalog.FOREST_PLOTS);
        List<FeatureDraft> drafts = new ArrayList<>();
        try (InputStream in = new ClassPathResource("sample/" + file).getInputStream()) {
            for (SourceFeature f : GeoJsonReader.read(in).features()) {
                FeatureValidator.Checked c = f.problem() != null ? null
                        : validator.check(plots, f.geometry(), CoordinateTransform.IDENTITY, f.properties());
                if (c == null || !c.valid()) {
                    throw new IllegalStateException("sample season file " + file + ", feature " + f.index() + ": "
                            + (c == null ? f.problem() : c.problems()));
                }
                drafts.add(c.draft());
            }
        } catch (IOException | UnreadableInputException e) {
            throw new IllegalStateException("the sample season file " + file + " cannot be read: " + e.getMessage(), e);
        }
        return drafts;
    }
}
