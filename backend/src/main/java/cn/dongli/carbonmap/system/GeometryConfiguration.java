package cn.dongli.carbonmap.system;

import org.locationtech.jts.geom.Envelope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.dongli.carbonmap.geom.GeometryValidator;
import cn.dongli.carbonmap.layer.FeatureValidator;
import cn.dongli.carbonmap.layer.LayerCatalog;

/** The geometry rules and the layer catalogue as beans. */
@Configuration(proxyBeanMethods = false)
class GeometryConfiguration {

    @Bean
    LayerCatalog layerCatalog() {
        return new LayerCatalog();
    }

    @Bean
    FeatureValidator featureValidator(CarbonMapProperties properties) {
        CarbonMapProperties.GeometryRules r = properties.geometry();
        return new FeatureValidator(new GeometryValidator(new Envelope(r.minLon(), r.maxLon(), r.minLat(), r.maxLat()),
                r.minAreaM2()));
    }
}
