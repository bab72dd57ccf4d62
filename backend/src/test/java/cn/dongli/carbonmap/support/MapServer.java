package cn.dongli.carbonmap.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * MapServer (Debian's {@code cgi-mapserver}), the SLD consumer the styles in {@code styles/} are held against, since
 * GeoServer cannot be installed on the test machines. It is run as its own CGI program, answering a WMS 1.1.1 GetMap
 * with the SLD in {@code SLD_BODY}: the standard way a WMS applies a client's SLD ({@code map2img} takes none). A
 * machine without it fails the test with the package to install; it never skips.
 */
public final class MapServer {

    /** Where Debian's cgi-mapserver puts the program. */
    public static final Path MAPSERV = Path.of("/usr/lib/cgi-bin/mapserv");

    private MapServer() {
    }

    /** {@code mapserv -v}: the version line. */
    public static String version() {
        return new String(run(new ProcessBuilder(MAPSERV.toString(), "-v")), StandardCharsets.UTF_8).trim();
    }

    /**
     * Draws a layer of a mapfile with an SLD, through WMS GetMap.
     *
     * @param config the MapServer 8 configuration file (it must allow the mapfile's path)
     * @param bbox minLon,minLat,maxLon,maxLat
     * @return the PNG
     */
    public static byte[] getMap(Path config, Path mapfile, String layer, String sld, String bbox, int width,
                                int height) {
        String query = "map=" + enc(mapfile.toString()) + "&SERVICE=WMS&VERSION=1.1.1&REQUEST=GetMap&LAYERS="
                + enc(layer) + "&STYLES=&SRS=EPSG:4326&BBOX=" + bbox + "&WIDTH=" + width + "&HEIGHT=" + height
                + "&FORMAT=image/png&SLD_BODY=" + enc(sld);
        ProcessBuilder pb = new ProcessBuilder(MAPSERV.toString());
        pb.environment().put("MAPSERVER_CONFIG_FILE", config.toString());
        pb.environment().put("REQUEST_METHOD", "GET");
        pb.environment().put("QUERY_STRING", query);
        byte[] out = run(pb);
        // a CGI answer: headers, a blank line, the body
        int png = indexOf(out, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        if (png < 0) {
            fail("MapServer did not answer with a PNG:\n" + new String(out, StandardCharsets.UTF_8));
        }
        return Arrays.copyOfRange(out, png, out.length);
    }

    private static byte[] run(ProcessBuilder pb) {
        if (!Files.isExecutable(MAPSERV)) {
            fail(MAPSERV + " is missing: these tests render the SLD styles with MapServer; install Debian's package"
                    + " 'cgi-mapserver' (apt-get install cgi-mapserver)");
        }
        Path err = null;
        try {
            err = Files.createTempFile("mapserv-", ".err");
            Process p = pb.redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("mapserv did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                fail("mapserv failed (exit " + p.exitValue() + "): " + Files.readString(err));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running mapserv");
        } finally {
            if (err != null) {
                err.toFile().delete();
            }
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
