package cn.dongli.carbonmap.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import cn.dongli.carbonmap.layer.DatabaseArchive;

/**
 * {@code java -jar carbonmap.jar --carbonmap.backup.export-to=FILE} writes everything to an archive and stops;
 * {@code --carbonmap.backup.restore-from=FILE} restores one into an empty database and stops. Runs before the first
 * account or the sample data would be created.
 */
@Component
@Order(-100)
class BackupRunner implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BackupRunner.class);

    private final BackupSettings settings;
    private final DatabaseArchive archive;
    private final ConfigurableApplicationContext context;

    BackupRunner(BackupSettings settings, DatabaseArchive archive, ConfigurableApplicationContext context) {
        this.settings = settings;
        this.archive = archive;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (settings.exportTo() == null && settings.restoreFrom() == null) {
            return;
        }
        if (settings.exportTo() != null) {
            Path target = settings.exportTo().toAbsolutePath();
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            Map<String, Long> rows;
            try (OutputStream out = Files.newOutputStream(partial)) {
                rows = archive.export(out);
            }
            // the archive appears whole or not at all
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("CarbonMap backup written to " + target + ": " + rows);
        }
        if (settings.restoreFrom() != null) {
            Map<String, Long> rows;
            try (InputStream in = Files.newInputStream(settings.restoreFrom())) {
                rows = archive.restore(in);
            }
            System.out.println("CarbonMap backup restored from " + settings.restoreFrom() + ": " + rows);
        }
        if (settings.exit()) {
            LOG.info("backup done; stopping");
            System.exit(SpringApplication.exit(context, () -> 0));
        }
    }
}
