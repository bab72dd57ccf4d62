/**
 * Candidate sites (候选地块): which land-cover parcels, forest plots and farmland projects could close a unit's gap
 * to its blue-green, forest-cover or high-standard farmland target, what each adds inside the unit after what already counts, the greedy set of the largest
 * that closes the gap, and that set as draft edits of a planning scenario. The conversion rules are configuration
 * ({@link cn.dongli.carbonmap.candidates.CandidateRules}).
 */
package cn.dongli.carbonmap.candidates;
