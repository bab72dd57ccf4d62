package cn.dongli.carbonmap.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.dongli.carbonmap.system.CarbonMapProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Who the client is, and which name it asked for, before anything else looks at the request.
 *
 * <ul>
 *   <li>A request arriving from a configured reverse proxy ({@code carbonmap.http.trusted-proxies}) is the client's
 *       as the proxy saw it: its address is the rightmost {@code X-Forwarded-For} entry that is not itself a trusted
 *       proxy (what a client writes there itself stands to the left, and is ignored), its scheme, host and port those
 *       of {@code X-Forwarded-Proto/Host/Port}.</li>
 *   <li>From anyone else the forwarded headers mean nothing: the address is the connection's, and a {@code Host}
 *       that is neither a configured name ({@code carbonmap.http.allowed-hosts}), nor {@code localhost}, nor the
 *       address the connection reached, is replaced by that address, so that links (the OGC API's) never name a
 *       host the client made up.</li>
 * </ul>
 * The sign-in limits and the audit log read the address from here; Spring Boot's own forwarded-header handling
 * ({@code server.forward-headers-strategy}), which believes any client, is refused at start.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ForwardedRequests extends OncePerRequestFilter {

    private final List<IpAddressMatcher> proxies = new ArrayList<>();
    private final List<String> allowedHosts = new ArrayList<>();

    ForwardedRequests(CarbonMapProperties properties,
                      @Value("${server.forward-headers-strategy:none}") String forwardHeadersStrategy) {
        if (!forwardHeadersStrategy.equalsIgnoreCase("none")) {
            throw new IllegalStateException("server.forward-headers-strategy=" + forwardHeadersStrategy
                    + " believes the X-Forwarded-* headers of any client; remove it and list the reverse proxies in"
                    + " carbonmap.http.trusted-proxies (CARBONMAP_HTTP_TRUSTED_PROXIES) instead");
        }
        for (String p : properties.http().trustedProxies()) {
            if (!p.isBlank()) {
                proxies.add(new IpAddressMatcher(p.trim()));
            }
        }
        for (String h : properties.http().allowedHosts()) {
            if (!h.isBlank()) {
                allowedHosts.add(h.trim().toLowerCase(Locale.ROOT));
            }
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(resolve(request), response);
    }

    boolean trusted(String address) {
        if (address == null || !isAddress(address)) {
            return false;
        }
        for (IpAddressMatcher m : proxies) {
            try {
                if (m.matches(address)) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }

    /**
     * Whether the text is an IP address literal. Nothing from a header is ever looked up in the DNS: an IPv4 literal
     * is checked by its form, anything with a colon is parsed as an IPv6 literal (which never asks the DNS).
     */
    static boolean isAddress(String s) {
        if (s.isEmpty() || s.length() > 45) {
            return false;
        }
        if (s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return true;
        }
        if (s.indexOf(':') < 0 || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            return false;
        }
        try {
            java.net.InetAddress.getByName(s);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    HttpServletRequest resolve(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (trusted(peer)) {
            String client = peer;
            String forwardedFor = request.getHeader("X-Forwarded-For");
            if (forwardedFor != null) {
                String[] hops = forwardedFor.split(",");
                for (int i = hops.length - 1; i >= 0; i--) {
                    String hop = hops[i].trim();
                    if (hop.startsWith("[") && hop.endsWith("]")) {
                        hop = hop.substring(1, hop.length() - 1);
                    }
                    if (!isAddress(hop)) {
                        break;
                    }
                    client = hop;
                    if (!trusted(hop)) {
                        break;
                    }
                }
            }
            String proto = first(request.getHeader("X-Forwarded-Proto"));
            String scheme = "https".equalsIgnoreCase(proto) ? "https" : "http".equalsIgnoreCase(proto) ? "http"
                    : request.getScheme();
            String host = first(request.getHeader("X-Forwarded-Host"));
            String name = request.getServerName();
            int port = request.getServerPort();
            if (host != null && validHost(host)) {
                name = hostName(host);
                port = hostPort(host, -1);
                String forwardedPort = first(request.getHeader("X-Forwarded-Port"));
                if (forwardedPort != null && forwardedPort.matches("\\d{1,5}")) {
                    port = Integer.parseInt(forwardedPort);
                }
                if (port < 0) {
                    port = scheme.equals("https") ? 443 : 80;
                }
            } else if (proto != null && !scheme.equals(request.getScheme())) {
                String forwardedPort = first(request.getHeader("X-Forwarded-Port"));
                port = forwardedPort != null && forwardedPort.matches("\\d{1,5}") ? Integer.parseInt(forwardedPort)
                        : scheme.equals("https") ? 443 : 80;
            }
            return new Resolved(request, client, scheme, name, port);
        }
        String host = request.getHeader("Host");
        if (host != null && validHost(host) && allowed(host, request)) {
            return new Resolved(request, peer, request.getScheme(), request.getServerName(), request.getServerPort());
        }
        String local = request.getLocalAddr();
        return new Resolved(request, peer, request.getScheme(), local.contains(":") ? "[" + local + "]" : local,
                request.getLocalPort());
    }

    private boolean allowed(String host, HttpServletRequest request) {
        String h = host.toLowerCase(Locale.ROOT);
        String name = hostName(h);
        if (name.equals("localhost") || allowedHosts.contains(h) || allowedHosts.contains(name)) {
            return true;
        }
        String local = request.getLocalAddr();
        String bare = name.startsWith("[") ? name.substring(1, name.length() - 1) : name;
        return bare.equalsIgnoreCase(local) || (local.contains(":") && bare.contains(":")
                && normalised(bare).equals(normalised(local)));
    }

    private static String normalised(String v6) {
        try {
            return java.net.InetAddress.getByName(v6).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return v6;
        }
    }

    private static String first(String header) {
        if (header == null) {
            return null;
        }
        String v = header.split(",")[0].trim();
        return v.isEmpty() ? null : v;
    }

    /** A host name or address literal with an optional port, nothing else (no user info, path or spaces). */
    static boolean validHost(String host) {
        return host.length() <= 255 && host.matches("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)(:\\d{1,5})?");
    }

    private static String hostName(String host) {
        int colon = host.lastIndexOf(':');
        return colon > host.lastIndexOf(']') ? host.substring(0, colon) : host;
    }

    private static int hostPort(String host, int otherwise) {
        int colon = host.lastIndexOf(':');
        return colon > host.lastIndexOf(']') ? Integer.parseInt(host.substring(colon + 1)) : otherwise;
    }

    /** The request as the client made it. */
    private static final class Resolved extends HttpServletRequestWrapper {
        private final String address;
        private final String scheme;
        private final String name;
        private final int port;

        Resolved(HttpServletRequest request, String address, String scheme, String name, int port) {
            super(request);
            this.address = address;
            this.scheme = scheme;
            this.name = name;
            this.port = port;
        }

        @Override
        public String getRemoteAddr() {
            return address;
        }

        @Override
        public String getRemoteHost() {
            return address;
        }

        @Override
        public String getScheme() {
            return scheme;
        }

        @Override
        public boolean isSecure() {
            return scheme.equals("https");
        }

        @Override
        public String getServerName() {
            return name;
        }

        @Override
        public int getServerPort() {
            return port;
        }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer url = new StringBuffer(scheme).append("://").append(name);
            if (!(scheme.equals("http") && port == 80) && !(scheme.equals("https") && port == 443)) {
                url.append(':').append(port);
            }
            return url.append(getRequestURI());
        }
    }
}
