package cn.dongli.carbonmap.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real public geodata of Dongli and its neighbours kept beside the project (not in it: several files have no open
 * licence). Found through {@code CARBONMAP_REAL_TESTDATA} or at {@code ../shared/testdata/real} from the repository.
 * Tests that need it run only where it is present, and say so.
 */
public final class RealTestData {

    private RealTestData() {
    }

    /** The folder, or null. */
    public static Path dir() {
        String env = System.getenv("CARBONMAP_REAL_TESTDATA");
        if (env != null && Files.isDirectory(Path.of(env))) {
            return Path.of(env);
        }
        for (Path candidate : new Path[] {Path.of("../../shared/testdata/real"), Path.of("../shared/testdata/real"),
                Path.of("/work/shared/testdata/real")}) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    /** Whether the folder is present (used by {@code @EnabledIf}). */
    public static boolean present() {
        boolean present = dir() != null;
        if (!present) {
            System.err.println("real test data not found: set CARBONMAP_REAL_TESTDATA; tests on real outlines skipped");
        }
        return present;
    }

    /** A file of the folder. */
    public static Path file(String name) {
        return dir().resolve(name);
    }
}
