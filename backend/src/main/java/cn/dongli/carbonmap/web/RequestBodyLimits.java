package cn.dongli.carbonmap.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.system.CarbonMapProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Bounds every request body in size and in the time it takes to arrive, so that neither an oversize body nor a client
 * that trickles one can exhaust the heap or hold a worker. An import ({@code …/import}) may be as large as the import
 * limit; any other body is JSON of at most {@code carbonmap.requests.max-json-bytes}.
 *
 * <p>The limits are enforced as the handler reads: a body over the limit is 413, one that arrives too slowly 408, one
 * cut off by the client 400, each a {@link ProblemException} raised before anything is written.
 */
@Component
class RequestBodyLimits extends OncePerRequestFilter {

    private final long maxJsonBytes;
    private final long maxUploadBytes;
    private final Duration bodyTimeout;
    private final Duration uploadTimeout;

    RequestBodyLimits(CarbonMapProperties properties) {
        this.maxJsonBytes = properties.requests().maxJsonBytes();
        this.bodyTimeout = properties.requests().bodyTimeout();
        this.uploadTimeout = properties.requests().uploadTimeout();
        this.maxUploadBytes = properties.importLimits().maxBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean upload = request.getRequestURI().endsWith("/import");
        long max = upload ? maxUploadBytes : maxJsonBytes;
        Duration timeout = upload ? uploadTimeout : bodyTimeout;
        chain.doFilter(new Bounded(request, max, timeout), response);
    }

    private static ProblemException tooLarge(long max) {
        return new ProblemException(413, "payload-too-large", "Payload too large",
                "the request body exceeds the limit of " + max + " bytes; nothing was written");
    }

    /** The request with its body bounded. */
    private static final class Bounded extends HttpServletRequestWrapper {

        private final long max;
        private final Duration timeout;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long max, Duration timeout) {
            super(request);
            this.max = max;
            this.timeout = timeout;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                if (getContentLengthLong() > max) {
                    throw tooLarge(max);
                }
                stream = new BoundedStream(super.getInputStream(), max, timeout);
            }
            return stream;
        }
    }

    /** Counts the bytes and the time; turns a stalled or broken connection into the client's error it is. */
    private static final class BoundedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long max;
        private final Duration timeout;
        private final long deadline;
        private long read;

        BoundedStream(ServletInputStream in, long max, Duration timeout) {
            this.in = in;
            this.max = max;
            this.timeout = timeout;
            this.deadline = System.nanoTime() + timeout.toNanos();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (System.nanoTime() > deadline) {
                throw slow();
            }
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                // the container wraps a read timeout (the client stalled) in its own exception
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof SocketTimeoutException) {
                        throw slow();
                    }
                }
                throw new ProblemException(400, "incomplete-body", "Incomplete request body",
                        "the request body was cut off before its end (" + e.getMessage() + "); nothing was written");
            }
            if (n > 0) {
                read += n;
                if (read > max) {
                    throw tooLarge(max);
                }
            }
            return n;
        }

        private ProblemException slow() {
            return new ProblemException(408, "request-timeout", "Request timeout",
                    "the request body did not arrive within " + timeout.toSeconds() + " s; nothing was written");
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
