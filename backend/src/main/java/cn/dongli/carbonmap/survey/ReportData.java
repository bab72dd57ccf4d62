package cn.dongli.carbonmap.survey;

import java.time.LocalDate;
import java.util.List;

import cn.dongli.carbonmap.metrics.UnitMetrics;

/**
 * What a unit's report says: its indicators now, the plan's targets for it, its series across survey seasons, and
 * the carbon parameters the figures were computed with.
 *
 * @param title the report's title
 * @param unit the unit's current figures
 * @param series the unit across the seasons (the last point is now)
 * @param parameters the carbon parameters in force
 * @param date the day the report was made
 */
record ReportData(String title, UnitMetrics unit, List<SurveyFigures.Point> series, List<CarbonParameter> parameters,
                  LocalDate date) {
}
