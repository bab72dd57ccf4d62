package cn.dongli.carbonmap.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.WKBWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;
import jakarta.annotation.PreDestroy;

/**
 * Writes the engine's figures per street and per zone, with the unit's outline, into the table {@code unit_metrics}
 * (views {@code street_metrics}, {@code zone_metrics}), so that GeoServer or QGIS draw the indicator choropleths
 * straight from the database with the styles in {@code styles/}. The values are the engine's own (true ground areas,
 * overlaps counted once), never recomputed in SQL.
 *
 * <p>The table is rewritten in one transaction, at most once per refresh interval and only when a layer changed since
 * the last write; readers see the old figures or the new ones, never a mix.
 */
@Component
public class UnitMetricsTable {

    private static final Logger LOG = LoggerFactory.getLogger(UnitMetricsTable.class);

    private final MetricsEngine engine;
    private final FeatureStore store;
    private final LayerCatalog catalog;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration refresh;
    private ScheduledExecutorService scheduler;
    private long publishedSeq = -1;

    UnitMetricsTable(MetricsEngine engine, FeatureStore store, LayerCatalog catalog, DataSource dataSource,
                     PlatformTransactionManager transactions, Clock clock, MetricsTableSettings settings) {
        this.engine = engine;
        this.store = store;
        this.catalog = catalog;
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.refresh = settings.refresh();
    }

    /**
     * Rewrites the table if a layer changed since the last write.
     *
     * @return the number of rows written, or -1 if nothing had changed
     */
    public synchronized int publish() {
        long seq = store.lastChange();
        if (seq == publishedSeq) {
            return -1;
        }
        List<UnitMetrics> metrics = engine.metrics(false);
        Map<String, MultiPolygon> outlines = new HashMap<>();
        outlines(catalog.get(LayerCatalog.STREETS), "street", outlines);
        outlines(catalog.get(LayerCatalog.ZONES), "zone", outlines);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        WKBWriter wkb = new WKBWriter(2);
        Integer rows = tx.execute(status -> {
            jdbc.update("DELETE FROM unit_metrics");
            int n = 0;
            for (UnitMetrics m : metrics) {
                MultiPolygon outline = outlines.get(m.unit() + ":" + m.code());
                if (outline == null) {
                    continue; // levels, the barrier and the district have no single outline here
                }
                jdbc.update("INSERT INTO unit_metrics (unit_kind, code, name, zone_type, area_m2, blue_green_share,"
                        + " forest_cover, forest_stock_m3, pv_count_share, pv_area_share, farmland_mu, computed_at,"
                        + " geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4490))",
                        m.unit(), m.code(), m.name(), m.zoneType(), m.areaM2(), m.blueGreenShare(), m.forestCover(),
                        m.forestStockM3(), m.pvCountShare(), m.pvAreaShare(), m.farmlandMu(), now, wkb.write(outline));
                n++;
            }
            return n;
        });
        publishedSeq = seq;
        LOG.info("unit_metrics: {} streets and zones written", rows);
        return rows == null ? 0 : rows;
    }

    private void outlines(Layer layer, String kind, Map<String, MultiPolygon> into) {
        store.forEach(layer, f -> into.putIfAbsent(kind + ":" + f.attributes().get("code"), f.geometry()));
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (refresh.isZero() || refresh.isNegative()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "unit-metrics-table");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                publish();
            } catch (RuntimeException e) {
                LOG.warn("unit_metrics not written: {}", e.getMessage());
            }
        }, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
