package cn.dongli.carbonmap.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client against a running CarbonMap, as scripts and browsers use it. */
public final class HttpApi {

    public static final String ADMIN_PASSWORD = "test-admin-password";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private String authorization;

    public HttpApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** Sends the admin's credentials (HTTP Basic) from now on. */
    public HttpApi asAdmin() {
        return as("admin", ADMIN_PASSWORD);
    }

    /** Sends these credentials (HTTP Basic) from now on. */
    public HttpApi as(String user, String password) {
        HttpApi copy = new HttpApi(0, base);
        copy.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return copy;
    }

    private HttpApi(int unused, String base) {
        this.base = base;
    }

    /** A response with its body as text and, when it is JSON, parsed. */
    public record Response(int status, String body, java.net.http.HttpHeaders headers, byte[] bytes) {
        public Response(int status, String body, java.net.http.HttpHeaders headers) {
            this(status, body, headers, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A GET with an Accept header, for content negotiation. */
    public Response getAccepting(String path, String accept) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET());
    }

    /** A GET whose body is binary (a file). */
    public Response getBytes(String path) {
        return getBytes(path, java.util.Map.of());
    }

    /** A GET with request headers (If-None-Match, Accept-Encoding…) whose body is kept as bytes. */
    public Response getBytes(String path, java.util.Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(b::header);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8), r.headers(), r.body());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public Response post(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response post(String path, String contentType, String body) {
        return post(path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public Response put(String path, String ifMatch, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/geo+json")
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return send(b);
    }

    public Response delete(String path, String ifMatch) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).DELETE();
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return send(b);
    }

    /** Any request with a body and an optional If-Match. */
    public Response send(String method, String path, String contentType, String body, String ifMatch) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return send(b);
    }

    /** A browser-like client: a cookie jar, the web client's header, the CSRF token from its cookie. */
    public Session session() {
        return new Session(base);
    }

    /** A signed-in (or not yet) browser session. */
    public static final class Session {
        private final java.net.CookieManager cookies = new java.net.CookieManager();
        private final HttpClient client;
        private final String base;

        Session(String base) {
            this.base = base;
            this.client = HttpClient.newBuilder().cookieHandler(cookies).build();
        }

        public Response signIn(String user, String password) {
            return exchange(HttpRequest.newBuilder(URI.create(base + "/api/session"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\""
                            + password + "\"}")), false);
        }

        public Response get(String path) {
            return exchange(HttpRequest.newBuilder(URI.create(base + path)).GET(), false);
        }

        public Response post(String path, String geojson, boolean withCsrfToken) {
            return exchange(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/geo+json")
                    .POST(HttpRequest.BodyPublishers.ofString(geojson, StandardCharsets.UTF_8)), withCsrfToken);
        }

        public Response delete(String path) {
            return exchange(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), true);
        }

        /** Any request with a body (JSON for the accounts, plan values…), with the CSRF token or without. */
        public Response send(String method, String path, String contentType, String body, boolean withCsrfToken) {
            return exchange(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), withCsrfToken);
        }

        /** Any request with a body, the CSRF token and an If-Match (or none, if null). */
        public Response sendMatching(String method, String path, String contentType, String body, String ifMatch) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (ifMatch != null) {
                b.header("If-Match", ifMatch);
            }
            return exchange(b, true);
        }

        /** The value of a cookie the server set, or null. */
        public String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
        }

        private Response exchange(HttpRequest.Builder b, boolean withCsrfToken) {
            b.header("X-Requested-With", "CarbonMap");
            if (withCsrfToken) {
                cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                        .findFirst().ifPresent(c -> b.header("X-XSRF-TOKEN", c.getValue()));
            }
            try {
                HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Response(r.statusCode(), r.body(), r.headers());
            } catch (IOException e) {
                throw new AssertionError("request failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private Response send(HttpRequest.Builder b) {
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
