package cn.dongli.carbonmap.reliability;

import java.nio.file.Path;

import cn.dongli.carbonmap.support.CarbonMapProcess;

/** SIGKILL mid-write on the embedded H2 + H2GIS database. */
class H2GisProcessKillTest extends ProcessKillContract {

    @Override
    CarbonMapProcess.Launch launch(Path dataDir) {
        return CarbonMapProcess.Launch.embedded(dataDir);
    }
}
