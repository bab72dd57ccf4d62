package cn.dongli.carbonmap.backup;

import javax.sql.DataSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.dongli.carbonmap.support.StorageProfile;

/** A backup of the H2Gis store, restored into both kinds of database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2GisBackupTest extends BackupContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        StorageProfile.H2GIS.register(registry);
    }

    @Override
    DataSource emptyTarget(boolean postgis) throws Exception {
        return postgis ? postgis() : h2();
    }
}
