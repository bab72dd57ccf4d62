package cn.dongli.carbonmap.scenario;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A planning scenario (规划情景) as stored: its settings, not its ticks and drafts.
 *
 * @param id its id
 * @param name its name
 * @param description what it assumes, in words (may be null)
 * @param year the target year its figures are judged for (2025, 2030, …)
 * @param author the account that made it
 * @param shared whether every signed-in account reads it (else only its author)
 * @param countAsDone per project layer, the statuses counted as done
 * @param countAsDoneUpToYear if set, projects of a later year are not counted by status
 * @param version the version of the settings (ETag)
 * @param revision grows with every change of the scenario: settings, ticks, drafts
 * @param createdAt when it was made
 * @param updatedBy who changed it last
 * @param updatedAt when
 */
record Scenario(long id, String name, String description, int year, String author, boolean shared,
                Map<String, List<String>> countAsDone, Integer countAsDoneUpToYear, int version, long revision,
                Instant createdAt, String updatedBy, Instant updatedAt) {
}
