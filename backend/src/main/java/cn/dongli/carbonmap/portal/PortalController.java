package cn.dongli.carbonmap.portal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.dongli.carbonmap.sample.SampleLoad;

/** {@code GET /api/config}: the installation's settings for the web client. */
@RestController
class PortalController {

    private final PortalSettings settings;
    private final SampleLoad sample;

    PortalController(PortalSettings settings, SampleLoad sample) {
        this.settings = settings;
        this.sample = sample;
    }

    @GetMapping("/api/config")
    Map<String, Object> config() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> tianditu = new HashMap<>();
        tianditu.put("key", blankToNull(settings.tiandituKey()));
        m.put("tianditu", tianditu);
        Map<String, Object> geoserver = new HashMap<>();
        geoserver.put("url", blankToNull(settings.geoserverUrl()));
        geoserver.put("workspace", blankToNull(settings.geoserverWorkspace()));
        m.put("geoserver", geoserver);
        m.put("minZoom", settings.minZoom());
        // how the first start's sample load went: the page says so when it failed
        m.put("sampleData", sample.json());
        return m;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
