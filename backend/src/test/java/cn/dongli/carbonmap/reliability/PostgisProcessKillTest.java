package cn.dongli.carbonmap.reliability;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;

import cn.dongli.carbonmap.support.CarbonMapProcess;
import cn.dongli.carbonmap.support.PostgisServer;

/** SIGKILL mid-write on PostgreSQL + PostGIS: each test gets a fresh database, used by every start in it. */
class PostgisProcessKillTest extends ProcessKillContract {

    private String database;

    @BeforeEach
    void freshDatabase() {
        database = PostgisServer.createDatabase();
    }

    @Override
    CarbonMapProcess.Launch launch(Path dataDir) {
        return CarbonMapProcess.Launch.postgis(database, dataDir);
    }
}
