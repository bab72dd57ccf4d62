package cn.dongli.carbonmap.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's top folder, where {@code styles/} and {@code docker/} live. */
final class Repository {

    private Repository() {
    }

    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("styles")) && Files.isDirectory(p.resolve("docker"))) {
                return p;
            }
        }
        throw new IllegalStateException("styles/ and docker/ not found above " + Path.of("").toAbsolutePath());
    }
}
