package cn.dongli.carbonmap.support;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small disk of its own for a CarbonMap process: a tmpfs mounted on a directory in a private mount namespace (held
 * open by a sleeping process), so that a test can fill it up or make it read-only without touching the machine's
 * disks. Processes started {@link #through() through} it see the tmpfs; the test reaches its files under
 * {@code /proc/<holder>/root}.
 *
 * <p>Needs the right to create a mount namespace (root, or unprivileged user namespaces). Where that is missing the
 * test is skipped on a developer's machine and fails under CI ({@code CI=true}), where nothing may skip.
 */
public final class PrivateDisk implements AutoCloseable {

    private final Process holder;
    private final Path mountPoint;
    private final boolean userNamespace;

    private PrivateDisk(Process holder, Path mountPoint, boolean userNamespace) {
        this.holder = holder;
        this.mountPoint = mountPoint;
        this.userNamespace = userNamespace;
    }

    /** Mounts a tmpfs of {@code megabytes} MB on the (existing, empty) directory. */
    public static PrivateDisk mount(Path mountPoint, int megabytes) {
        boolean root = "0".equals(run(List.of("id", "-u")).strip());
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private"));
        if (!root) {
            command.addAll(1, List.of("--user", "--map-root-user"));
        }
        command.addAll(List.of("sh", "-c", "mount -t tmpfs -o size=" + megabytes + "m tmpfs '" + mountPoint
                + "' && echo mounted && exec sleep 3600"));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            if (!"mounted".equals(first)) {
                p.destroyForcibly();
                String why = "cannot mount a private tmpfs (" + first + "): this test needs root or user namespaces";
                if ("true".equals(System.getenv("CI"))) {
                    throw new AssertionError(why);
                }
                assumeThat(false).as(why).isTrue();
            }
            return new PrivateDisk(p, mountPoint, !root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command prefix that runs a process in the namespace that sees the tmpfs. */
    public List<String> through() {
        List<String> c = new ArrayList<>(List.of("nsenter", "--target", Long.toString(holder.pid()), "--mount"));
        if (userNamespace) {
            c.addAll(List.of("--user", "--preserve-credentials"));
        }
        c.add("--");
        return c;
    }

    /** A path inside the tmpfs, as the test's own process reaches it. */
    public Path fromOutside(String relative) {
        return Path.of("/proc", Long.toString(holder.pid()), "root").resolve(mountPoint.toString().substring(1))
                .resolve(relative);
    }

    /** Free bytes left on the tmpfs. */
    public long freeBytes() {
        try {
            return Files.getFileStore(fromOutside("")).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fills the tmpfs until only {@code leave} bytes are free. */
    public void fill(long leave) {
        List<String> c = through();
        c.addAll(List.of("fallocate", "-l", Long.toString(Math.max(0, freeBytes() - leave)),
                mountPoint.resolve("filler").toString()));
        run(c);
    }

    /** Deletes what {@link #fill} wrote. */
    public void free() {
        List<String> c = through();
        c.addAll(List.of("rm", "-f", mountPoint.resolve("filler").toString()));
        run(c);
    }

    /** Remounts the tmpfs read-only (or writable again). */
    public void readOnly(boolean readOnly) {
        List<String> c = through();
        c.addAll(List.of("mount", "-o", "remount," + (readOnly ? "ro" : "rw"), mountPoint.toString()));
        run(c);
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Ends the holder: the tmpfs and all on it go away with its namespace. */
    @Override
    public void close() {
        holder.destroyForcibly();
    }
}
