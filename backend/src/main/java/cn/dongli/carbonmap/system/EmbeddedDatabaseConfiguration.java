package cn.dongli.carbonmap.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The default, zero-set-up database: one embedded H2 (with H2GIS) file under {@code carbonmap.data-dir}.
 * The {@code postgis} profile replaces it with PostgreSQL + PostGIS configured from the environment.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!postgis")
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    DataSource dataSource(CarbonMapProperties properties) {
        Path dir = properties.dataDir().toAbsolutePath().normalize();
        requireWritable(dir);
        HikariConfig config = new HikariConfig();
        // WRITE_DELAY=0: a committed transaction is on disk before the commit returns.
        config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("carbonmap") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        config.setUsername("carbonmap");
        config.setPassword("");
        config.setMaximumPoolSize(8);
        config.setPoolName("carbonmap-h2");
        config.setConnectionTimeout(5000);
        config.setExceptionOverrideClassName(H2ConnectionFailures.class.getName());
        return new HikariDataSource(config);
    }

    /** Fails the start, plainly, on a data directory that cannot be created or written. */
    static void requireWritable(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DataDirectoryException(dir, "cannot be created", e);
        }
        Path probe = dir.resolve(".write-test");
        try {
            Files.deleteIfExists(probe);
            Files.writeString(probe, "CarbonMap checks that it can write here");
            Files.delete(probe);
        } catch (IOException e) {
            throw new DataDirectoryException(dir, "is not writable", e);
        }
    }
}
