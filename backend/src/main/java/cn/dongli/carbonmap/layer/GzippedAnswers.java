package cn.dongli.carbonmap.layer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.springframework.http.HttpHeaders;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers rendered once and kept gzipped (feature pages, indicator answers): rendering them, and sending them as they
 * are to clients that accept gzip (every browser) or inflated to the others.
 */
public final class GzippedAnswers {

    /** Writes an answer's uncompressed bytes. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private GzippedAnswers() {
    }

    /** The body, gzipped at the fastest level: rendered while a user waits, then sent many times. */
    public static byte[] render(Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 8192) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            body.writeTo(gzip);
        }
        return bytes.toByteArray();
    }

    /** Sends a gzipped answer; the caller has set the status and the content type. */
    public static void send(HttpServletRequest request, HttpServletResponse response, byte[] gzip) throws IOException {
        response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        String accepted = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
        if (accepted != null && accepted.toLowerCase(Locale.ROOT).contains("gzip")) {
            response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
            response.setContentLength(gzip.length);
            response.getOutputStream().write(gzip);
        } else {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
                in.transferTo(response.getOutputStream());
            }
        }
    }
}
