package cn.dongli.carbonmap.security;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What a write must look like at the HTTP boundary, whoever sends it (issue 17, item 3).
 *
 * <ul>
 *   <li>{@link #crossSite}: a write a page of another site started is refused (403 {@code cross-site}), whatever
 *       credentials the browser adds: {@code Sec-Fetch-Site} other than {@code same-origin} or {@code none}, or (from a
 *       browser that sends no {@code Sec-Fetch-Site}) an {@code Origin} that is not the {@code Host} asked, the
 *       forwarded host of a trusted proxy or a configured public name. Scripts (curl, GDAL, QGIS, OWSLib) send
 *       neither header and are not concerned.</li>
 *   <li>{@link #contentTypes}: a body comes with its documented type (415 {@code unsupported-media-type}
 *       otherwise): JSON ({@code application/json}, {@code application/*+json}) everywhere, and for a layer import
 *       also a zip, a GeoPackage, CSV or bytes; a write without a body sends no type or JSON. The types a form of
 *       another site can send without a CORS preflight ({@code text/plain}, forms, multipart) are thus never
 *       accepted.</li>
 * </ul>
 */
final class WriteBoundary {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final List<MediaType> IMPORT_TYPES = List.of(MediaType.parseMediaType("application/zip"),
            MediaType.parseMediaType("application/x-zip-compressed"),
            MediaType.parseMediaType("application/geopackage+sqlite3"), MediaType.parseMediaType("text/csv"),
            // what browsers on Windows with Excel installed call a .csv file
            MediaType.parseMediaType("application/vnd.ms-excel"), MediaType.APPLICATION_OCTET_STREAM);
    private static final String JSON_TYPES = "application/json or application/geo+json";
    private static final String IMPORT_TYPE_LIST = "application/geo+json, application/zip,"
            + " application/geopackage+sqlite3, text/csv or application/octet-stream";

    private WriteBoundary() {
    }

    static boolean write(HttpServletRequest request) {
        return WRITES.contains(request.getMethod());
    }

    /** Refuses writes that pages of other sites start. */
    static OncePerRequestFilter crossSite(SecurityPolicy policy) {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                if (write(request) && !sameSite(request, policy)) {
                    SecurityConfiguration.problem(response, 403, "cross-site", "Cross-site request refused",
                            "a page of another site cannot write to CarbonMap; use CarbonMap's own pages, or a"
                                    + " script that sends no Origin");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    static boolean sameSite(HttpServletRequest request, SecurityPolicy policy) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return site.equals("same-origin") || site.equals("none");
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String authority;
        try {
            URI u = URI.create(origin.trim());
            if (u.getScheme() == null || u.getHost() == null) {
                return false;
            }
            authority = authority(u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        String host = request.getHeader("Host");
        if (host != null && authority.equals(authority(host))) {
            return true;
        }
        String served = request.getServerName() + ":" + request.getServerPort();
        if (authority.equals(authority(served))) {
            return true;
        }
        for (String allowed : policy.allowedHosts()) {
            String a = authority(allowed.trim());
            if (authority.equals(a) || (!a.contains(":") && authority.startsWith(a + ":"))) {
                return true;
            }
        }
        return false;
    }

    /** A host[:port] in lower case, without the default ports 80 and 443. */
    private static String authority(String hostAndPort) {
        String a = hostAndPort.toLowerCase(Locale.ROOT);
        if (a.endsWith(":80")) {
            return a.substring(0, a.length() - 3);
        }
        if (a.endsWith(":443")) {
            return a.substring(0, a.length() - 4);
        }
        return a;
    }

    /** Refuses bodies of types the endpoint does not document (after authorization: 401 and 403 come first). */
    static OncePerRequestFilter contentTypes() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                if (write(request) && request.getRequestURI().startsWith("/api/")) {
                    String refusal = refusal(request);
                    if (refusal != null) {
                        SecurityConfiguration.problem(response, 415, "unsupported-media-type",
                                "Unsupported media type", refusal);
                        return;
                    }
                }
                chain.doFilter(request, response);
            }
        };
    }

    /** Why the body's type is refused, or null if it is not. */
    static String refusal(HttpServletRequest request) {
        boolean layerImport = request.getRequestURI().matches("/api/layers/[^/]+/import");
        String accepted = layerImport ? IMPORT_TYPE_LIST : JSON_TYPES;
        String type = request.getContentType();
        boolean body = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (type == null || type.isBlank()) {
            return body ? "send the body with its Content-Type: " + accepted : null;
        }
        MediaType media;
        try {
            media = MediaType.parseMediaType(type);
        } catch (InvalidMediaTypeException e) {
            return "the Content-Type cannot be read; send " + accepted;
        }
        if (media.getType().equals("application")
                && (media.getSubtype().equals("json") || media.getSubtype().endsWith("+json"))) {
            return null;
        }
        if (layerImport) {
            for (MediaType t : IMPORT_TYPES) {
                if (t.equalsTypeAndSubtype(media)) {
                    return null;
                }
            }
        }
        return "this endpoint does not accept " + media.getType() + "/" + media.getSubtype() + "; send " + accepted;
    }
}
