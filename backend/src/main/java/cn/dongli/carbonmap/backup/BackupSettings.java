package cn.dongli.carbonmap.backup;

import java.nio.file.Path;

/**
 * @param exportTo write a backup archive here, then stop (null: no backup)
 * @param restoreFrom restore this archive into the (empty) database, then stop (null: no restore)
 * @param exit whether the process ends after a backup or restore (false in tests)
 */
public record BackupSettings(Path exportTo, Path restoreFrom, boolean exit) {
}
