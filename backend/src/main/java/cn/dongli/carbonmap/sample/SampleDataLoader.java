package cn.dongli.carbonmap.sample;

import java.io.IOException;
import java.io.InputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.dongli.carbonmap.geom.io.GeoJsonReader;
import cn.dongli.carbonmap.geom.io.UnreadableInputException;
import cn.dongli.carbonmap.importer.FeatureImporter;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;

/**
 * On the first start of an empty database, loads the Dongli sample data set ({@code gisdata/}, packed into the jar)
 * through the same importer and validation as any upload.
 */
@Component
@Order(10)
class SampleDataLoader implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SampleDataLoader.class);

    private final SampleSettings settings;
    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final FeatureImporter importer;
    private final TransactionTemplate tx;

    SampleDataLoader(SampleSettings settings, LayerCatalog catalog, FeatureStore store, FeatureImporter importer,
                     PlatformTransactionManager transactions) {
        this.settings = settings;
        this.catalog = catalog;
        this.store = store;
        this.importer = importer;
        this.tx = new TransactionTemplate(transactions);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!settings.loadSample() || catalog.all().stream().anyMatch(l -> store.count(l) > 0)) {
            return;
        }
        // one transaction for the whole data set: a start interrupted while loading leaves an empty database, and
        // the next start loads it again
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
        });
    }
}
