package cn.dongli.carbonmap.portal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/config}: the installation's settings for the web client. */
@RestController
class PortalController {

    private final PortalSettings settings;

    PortalController(PortalSettings settings) {
        this.settings = settings;
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
        return m;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
