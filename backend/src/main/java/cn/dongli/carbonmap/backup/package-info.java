/** Backups from the command line: everything into one archive, and back into an empty database of either kind. */
package cn.dongli.carbonmap.backup;
