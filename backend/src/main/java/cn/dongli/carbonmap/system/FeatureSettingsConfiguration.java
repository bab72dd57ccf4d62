package cn.dongli.carbonmap.system;

import java.time.Clock;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.dongli.carbonmap.backup.BackupSettings;
import cn.dongli.carbonmap.edit.EditSettings;
import cn.dongli.carbonmap.export.ExportSettings;
import cn.dongli.carbonmap.geom.EditChecks;
import cn.dongli.carbonmap.importer.ImportSettings;
import cn.dongli.carbonmap.layer.FeaturePageSettings;
import cn.dongli.carbonmap.candidates.CandidateRules;
import cn.dongli.carbonmap.metrics.MetricsDefinitions;
import cn.dongli.carbonmap.metrics.MetricsTableSettings;
import cn.dongli.carbonmap.ogc.OgcSettings;
import cn.dongli.carbonmap.portal.PortalSettings;
import cn.dongli.carbonmap.sample.SampleSettings;
import cn.dongli.carbonmap.report.ReportSettings;
import cn.dongli.carbonmap.security.SecurityPolicy;

/** Hands each feature package its part of {@link CarbonMapProperties}, so that no feature imports this package. */
@Configuration(proxyBeanMethods = false)
class FeatureSettingsConfiguration {

    @Bean
    SecurityPolicy securityPolicy(CarbonMapProperties properties) {
        java.util.List<String> images = new java.util.ArrayList<>();
        if (properties.tiandituKey() != null && !properties.tiandituKey().isBlank()) {
            images.add("https://*.tianditu.gov.cn");
        }
        if (properties.geoserverUrl() != null && !properties.geoserverUrl().isBlank()) {
            java.net.URI u = java.net.URI.create(properties.geoserverUrl());
            images.add(u.getScheme() + "://" + u.getAuthority());
        }
        return new SecurityPolicy(properties.anonymousRead(), images, properties.http().allowedHosts());
    }

    @Bean
    PortalSettings portalSettings(CarbonMapProperties properties) {
        return new PortalSettings(properties.tiandituKey(), properties.geoserverUrl(),
                properties.geoserverWorkspace(), Map.of("pv_rooftops", 15, "land_cover", 14, "forest_plots", 12));
    }

    @Bean
    EditSettings editSettings(CarbonMapProperties properties) {
        return new EditSettings(new EditChecks.Tolerance(properties.editing().toleranceM2(),
                properties.editing().sliverWidthM()));
    }

    @Bean
    ReportSettings reportSettings(CarbonMapProperties properties) {
        return new ReportSettings(properties.reportsFont());
    }

    @Bean
    BackupSettings backupSettings(CarbonMapProperties properties) {
        CarbonMapProperties.Backup b = properties.backup();
        return new BackupSettings(b.exportTo(), b.restoreFrom(), b.exit());
    }

    @Bean
    SampleSettings sampleSettings(CarbonMapProperties properties) {
        return new SampleSettings(properties.loadSample());
    }

    @Bean
    MetricsDefinitions metricsDefinitions(CarbonMapProperties properties) {
        return properties.metrics();
    }

    @Bean
    CandidateRules candidateRules(CarbonMapProperties properties) {
        return properties.candidates();
    }

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    @Bean
    ExportSettings exportSettings(CarbonMapProperties properties) {
        return new ExportSettings(properties.dataDir().toAbsolutePath().normalize().resolve("tmp"));
    }

    @Bean
    MetricsTableSettings metricsTableSettings(CarbonMapProperties properties) {
        return new MetricsTableSettings(properties.unitMetricsRefresh());
    }

    @Bean
    FeaturePageSettings featurePageSettings(CarbonMapProperties properties) {
        return new FeaturePageSettings(properties.featurePageCacheBytes());
    }

    @Bean
    OgcSettings ogcSettings(CarbonMapProperties properties) {
        return new OgcSettings(properties.ogc().defaultLimit(), properties.ogc().maxLimit());
    }

    @Bean
    ImportSettings importSettings(CarbonMapProperties properties) {
        CarbonMapProperties.ImportLimits l = properties.importLimits();
        return new ImportSettings(l.maxBytes(), l.maxUncompressedBytes(), l.maxFeatures(), l.maxVerticesPerGeometry(),
                l.maxVertices(), l.maxValues(), l.readTimeout(), l.threads(), l.queue(),
                properties.dataDir().toAbsolutePath().normalize().resolve("tmp"));
    }
}
