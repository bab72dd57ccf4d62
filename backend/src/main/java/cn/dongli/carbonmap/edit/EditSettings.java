package cn.dongli.carbonmap.edit;

import cn.dongli.carbonmap.geom.EditChecks;

/**
 * Tolerances of the rules across features.
 *
 * @param tolerance what overlap or part outside the district is digitising noise
 */
public record EditSettings(EditChecks.Tolerance tolerance) {
}
