package cn.dongli.carbonmap.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * GDAL's command-line tools, the third-party reference these tests hold the readers and writers against. They must be
 * installed (Debian: {@code apt-get install gdal-bin}); a test that needs them fails rather than skips without them.
 */
public final class Gdal {

    private Gdal() {
    }

    /** Runs {@code ogr2ogr} with the arguments; returns what it printed. */
    public static String ogr2ogr(Object... args) {
        return run("ogr2ogr", args);
    }

    /** Runs {@code ogrinfo} with the arguments; returns what it printed. */
    public static String ogrinfo(Object... args) {
        return run("ogrinfo", args);
    }

    /** Runs {@code gdalsrsinfo} with the arguments; returns what it printed. */
    public static String gdalsrsinfo(Object... args) {
        return run("gdalsrsinfo", args);
    }

    /**
     * Runs GDAL's GeoPackage validator ({@code validate_gpkg.py} of python3-gdal, which Debian's gdal-bin depends on);
     * returns what it printed, and fails if it finds the file not conformant.
     */
    public static String validateGeoPackage(Path gpkg) {
        return run("/usr/bin/python3", "-m", "osgeo_utils.samples.validate_gpkg", gpkg);
    }

    private static String run(String tool, Object... args) {
        List<String> command = new ArrayList<>();
        command.add(tool);
        for (Object a : args) {
            command.add(a.toString());
        }
        Path err = null;
        try {
            err = Files.createTempFile("gdal-", ".err");
            Process p;
            try {
                p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            } catch (IOException e) {
                return fail(tool + " could not be run (" + e.getMessage() + "): these tests need GDAL's command-line"
                        + " tools; install them with 'apt-get install gdal-bin'");
            }
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(tool + " did not finish in 120 s: " + command);
            }
            // GDAL's messages may quote GBK text: decode leniently
            String stderr = new String(Files.readAllBytes(err), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                fail(tool + " failed (exit " + p.exitValue() + "): " + command + "\n" + stderr);
            }
            return new String(out, StandardCharsets.UTF_8) + stderr;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + tool);
        } finally {
            if (err != null) {
                err.toFile().delete();
            }
        }
    }
}
