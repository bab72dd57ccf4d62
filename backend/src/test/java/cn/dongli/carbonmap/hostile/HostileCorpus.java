package cn.dongli.carbonmap.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The hostile-input corpus under {@code src/test/resources/hostile/}: the manifest {@code cases.tsv} (its header says
 * what each column means) and the request bodies it names.
 */
final class HostileCorpus {

    private static final String ROOT = "/hostile/";

    private HostileCorpus() {
    }

    /**
     * One line of the manifest.
     *
     * @param id the case's name
     * @param asAdmin whether the request carries the admin's credentials
     * @param method the HTTP method
     * @param path path and query as written (not yet encoded); {@code {plot}} is replaced by the caller
     * @param body the body's file under hostile/, or null
     * @param chunked whether the body is sent without a Content-Length
     * @param status the status expected
     * @param code the problem code expected, {@code @} for any, or null when the answer is no problem
     * @param expect texts the response body must contain
     * @param writes null when nothing may be written, else {@code layer=N} or {@code layer+N}
     * @param check null or a further check ({@code inert-html}, {@code name:<text>})
     * @param tests what the case is about
     */
    record Case(String id, boolean asAdmin, String method, String path, String body, boolean chunked, int status,
                String code, List<String> expect, String writes, String check, String tests) {

        @Override
        public String toString() {
            return id + " (" + tests + ")";
        }

        /** The body's bytes, inflated when the file is gzipped; empty when there is none. */
        byte[] bodyBytes() {
            return body == null ? new byte[0] : file(body);
        }

        /** The Content-Type the body is sent with, from its file name. */
        String contentType() {
            if (body == null) {
                return null;
            }
            String name = body.endsWith(".gz") ? body.substring(0, body.length() - 3) : body;
            return name.endsWith(".zip") ? "application/zip" : "application/geo+json";
        }
    }

    /** Every case of the manifest, in its order. */
    static List<Case> cases() {
        String text = new String(file("cases.tsv"), StandardCharsets.UTF_8);
        List<Case> cases = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        boolean header = true;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] c = line.split("\t", -1);
            if (c.length != 12) {
                throw new IllegalStateException("cases.tsv: " + c.length + " columns instead of 12 in: " + line);
            }
            if (!ids.add(c[0])) {
                throw new IllegalStateException("cases.tsv: case " + c[0] + " is there twice");
            }
            cases.add(new Case(c[0], c[1].equals("admin"), c[2], c[3], dash(c[4]), c[5].equals("chunked"),
                    Integer.parseInt(c[6]), dash(c[7]), Arrays.asList(c[8].split("\\|")), dash(c[9]), dash(c[10]),
                    c[11]));
        }
        return cases;
    }

    private static String dash(String s) {
        return s.equals("-") ? null : s;
    }

    /** A file of the corpus; a {@code .gz} file inflated. */
    static byte[] file(String name) {
        try (InputStream raw = HostileCorpus.class.getResourceAsStream(ROOT + name)) {
            if (raw == null) {
                throw new IllegalStateException("the corpus has no file " + name);
            }
            if (!name.endsWith(".gz")) {
                return raw.readAllBytes();
            }
            try (InputStream in = new GZIPInputStream(raw)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The path with every segment and every query name and value percent-encoded, so that the server receives exactly
     * the characters the manifest shows (quotes, spaces, semicolons, parentheses).
     */
    static String encode(String path) {
        int q = path.indexOf('?');
        String p = q < 0 ? path : path.substring(0, q);
        StringBuilder sb = new StringBuilder();
        for (String segment : p.substring(1).split("/", -1)) {
            sb.append('/').append(component(segment));
        }
        if (q >= 0) {
            sb.append('?');
            String[] pairs = path.substring(q + 1).split("&");
            for (int i = 0; i < pairs.length; i++) {
                int eq = pairs[i].indexOf('=');
                sb.append(i == 0 ? "" : "&").append(component(eq < 0 ? pairs[i] : pairs[i].substring(0, eq)));
                if (eq >= 0) {
                    sb.append('=').append(component(pairs[i].substring(eq + 1)));
                }
            }
        }
        return sb.toString();
    }

    private static String component(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
