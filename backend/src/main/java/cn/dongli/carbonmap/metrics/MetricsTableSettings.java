package cn.dongli.carbonmap.metrics;

import java.time.Duration;

/**
 * How often {@link UnitMetricsTable} looks for changes to write.
 *
 * @param refresh the interval; zero or negative writes only when asked
 */
public record MetricsTableSettings(Duration refresh) {
}
