package cn.dongli.carbonmap.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.locationtech.jts.geom.Geometry;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.geom.Crs;
import cn.dongli.carbonmap.layer.AttributeFilter;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/layers/{layer}/export?format=geojson|gpkg|shapefile|csv&crs=EPSG:4490|EPSG:4548&street=CODE|zone=CODE}:
 * the layer, or the features inside one street or zone, as a file to download. The file name is the layer's Chinese
 * title with the unit and CRS ({@code 林地小班_东丽湖街道_EPSG4548.zip}), sent as RFC 6266 {@code filename*} with an
 * ASCII fallback.
 */
@RestController
class ExportController {

    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final LayerExporter exporter;

    ExportController(LayerCatalog catalog, FeatureStore store, LayerExporter exporter) {
        this.catalog = catalog;
        this.store = store;
        this.exporter = exporter;
    }

    @GetMapping("/api/layers/{layer}/export")
    void export(@PathVariable String layer, @RequestParam(defaultValue = "geojson") String format,
                @RequestParam(defaultValue = "EPSG:4490") String crs, @RequestParam(required = false) String street,
                @RequestParam(required = false) String zone, HttpServletResponse response) throws IOException {
        Layer l = catalog.get(layer);
        ExportFormat f = ExportFormat.parse(format);
        int epsg = epsg(crs);
        if (street != null && zone != null) {
            throw ProblemException.badRequest("invalid-parameter", "give a street or a zone, not both");
        }
        Feature unit = street != null ? unit(LayerCatalog.STREETS, street) : zone != null ? unit(LayerCatalog.ZONES, zone)
                : null;
        Geometry area = unit == null ? null : unit.geometry();
        List<Feature> features = exporter.select(l, area);

        // written in full before the first byte is sent, so that a failure is still a problem response
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        exporter.write(f, l, features, epsg, body);
        String unitName = unit == null ? null : (String) unit.attributes().get("name");
        String unitCode = unit == null ? null : (String) unit.attributes().get("code");
        response.setContentType(f.mediaType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(
                l.titleZh() + (unitName == null ? "" : "_" + unitName) + "_EPSG" + epsg + "." + f.extension(),
                l.name() + (unitCode == null ? "" : "_" + unitCode) + "_EPSG" + epsg + "." + f.extension()));
        response.setHeader("X-Feature-Count", Integer.toString(features.size()));
        response.setContentLengthLong(body.size());
        body.writeTo(response.getOutputStream());
    }

    private Feature unit(String unitLayer, String code) {
        Layer units = catalog.get(unitLayer);
        List<Feature> found = store.find(units, null, List.of(AttributeFilter.in("code", List.of(code))), 2, 0);
        if (found.isEmpty()) {
            throw ProblemException.notFound("unknown-unit", "there is no " + (unitLayer.equals(LayerCatalog.STREETS)
                    ? "street" : "zone") + " with code '" + code + "'");
        }
        return found.get(0);
    }

    private static int epsg(String crs) {
        try {
            Crs.Code code = Crs.parse(crs);
            if (!code.gcj02() && (code.epsg() == Crs.CGCS2000 || code.epsg() == Crs.CGCS2000_GK_CM_117E)) {
                return code.epsg();
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ProblemException(400, "unsupported-crs", "Unsupported CRS",
                "exports are written in EPSG:4490 (CGCS2000 longitude/latitude) or EPSG:4548 (CGCS2000 / 3-degree"
                        + " Gauss-Krüger CM 117E), not '" + crs + "'");
    }

    /** {@code attachment; filename="ascii"; filename*=UTF-8''percent-encoded} (RFC 6266, RFC 8187). */
    static String contentDisposition(String name, String asciiFallback) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        String ascii = asciiFallback.replaceAll("[^A-Za-z0-9._-]", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
