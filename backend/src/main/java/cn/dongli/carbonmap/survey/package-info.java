/**
 * Carbon-sink surveys: survey seasons (调查季, frozen snapshots of the forest plots), the indicators per season and
 * their time series, change between seasons, carbon stock by the volume-expansion method and its parameters, the
 * surveyors' progress, and the printable reports.
 */
package cn.dongli.carbonmap.survey;
