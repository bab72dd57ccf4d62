/**
 * Planning scenarios (规划情景): named, saved sets of assumptions over the live layers — project statuses counted as
 * done, explicit choices per project, draft edits made inside the scenario only — with a target year. Their figures
 * come from the indicator engine as "live + assumptions" ({@link cn.dongli.carbonmap.metrics.Assumptions}), side by
 * side with the live ones and the plan's targets; nothing of a scenario is ever written into the live layers.
 */
package cn.dongli.carbonmap.scenario;
