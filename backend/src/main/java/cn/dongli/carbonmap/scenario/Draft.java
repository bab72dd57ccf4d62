package cn.dongli.carbonmap.scenario;

import java.time.Instant;

import cn.dongli.carbonmap.layer.Feature;

/**
 * A draft edit of a scenario: a new feature ({@code create}), a live feature as the scenario has it ({@code update})
 * or without it ({@code delete}).
 *
 * @param id the draft's id
 * @param scenarioId its scenario
 * @param op create, update or delete
 * @param liveId the live feature it replaces or deletes (null for create)
 * @param liveVersion the live feature's version it was made from (null for create)
 * @param feature the feature as drafted (id: the draft's, version: the draft's; for a delete, the live feature as it
 *                was when deleted in the scenario)
 */
record Draft(long id, long scenarioId, String op, Long liveId, Integer liveVersion, Feature feature) {

    String layer() {
        return feature.layer();
    }

    int version() {
        return feature.version();
    }

    String createdBy() {
        return feature.createdBy();
    }

    Instant updatedAt() {
        return feature.updatedAt();
    }
}
