package cn.dongli.carbonmap.security;

import java.util.List;

/**
 * The configurable parts of the security rules.
 *
 * @param anonymousRead whether anonymous users may read (the district shows the map to its street offices)
 * @param imageSources hosts besides CarbonMap the browser may load images (map tiles) from: Tianditu when a key is
 *                     configured, the GeoServer
 * @param allowedHosts the public names of the site ({@code carbonmap.http.allowed-hosts}): a page served under one of
 *                     them is not another site
 */
public record SecurityPolicy(boolean anonymousRead, List<String> imageSources, List<String> allowedHosts) {

    public SecurityPolicy {
        imageSources = List.copyOf(imageSources);
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }

    public SecurityPolicy(boolean anonymousRead, List<String> imageSources) {
        this(anonymousRead, imageSources, List.of());
    }

    /**
     * Only CarbonMap's own scripts run; images (map tiles) also from the configured base-map and GeoServer hosts.
     * Leaflet and ECharts set inline styles, so styles allow them; scripts never.
     */
    public String contentSecurityPolicy() {
        String images = String.join(" ", imageSources);
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: "
                + images + "; font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none';"
                + " base-uri 'self'; form-action 'self'";
    }
}
