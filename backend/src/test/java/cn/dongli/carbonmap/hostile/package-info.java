/**
 * Hostile input over HTTP: a corpus of malformed, oversized, malicious and slow requests, each of which must get a
 * clear 4xx problem and write nothing, on both storage profiles.
 */
package cn.dongli.carbonmap.hostile;
