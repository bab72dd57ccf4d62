import type { ECharts } from 'echarts/core';
import type { SeriesPoint } from '../api/survey';
import { formatNumber, formatPercent, t } from '../i18n';

let echartsModule: Promise<typeof import('./echarts')> | null = null;
const loadECharts = () => (echartsModule ??= import('./echarts'));

/** The label of a point of the series: the season's name, or 现状 for the live layers. */
export function pointLabel(p: SeriesPoint): string {
  return p.season === 'current' ? t('survey.current') : p.season;
}

/**
 * A unit's indicators across the survey seasons (时间序列): forest stock (m³) and carbon (t C) as lines on the left
 * axis, forest cover (%) dashed on the right. The sequestration (a rate, tens of times smaller) is in the table below.
 */
export class SeriesChart {
  readonly element: HTMLDivElement;
  private chart: ECharts | null = null;

  constructor() {
    this.element = document.createElement('div');
    this.element.className = 'cm-chart cm-series-chart';
    this.element.dataset.testid = 'series-chart';
  }

  /** Draws the series; the element must be in the document (ECharts measures it). */
  async render(points: SeriesPoint[]): Promise<void> {
    const echarts = await loadECharts();
    if (!this.element.isConnected) return;
    if (!this.chart) {
      this.chart = echarts.init(this.element, undefined, { renderer: 'canvas' });
      new ResizeObserver(() => this.chart?.resize()).observe(this.element);
    }
    this.element.dataset.points = String(points.length);
    const stock = t('survey.series.stock');
    const carbon = t('survey.series.carbon');
    const cover = t('survey.series.cover');
    this.chart.setOption({
      animation: false,
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, itemWidth: 14, textStyle: { fontSize: 11 } },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : formatNumber(v, v < 10 ? 2 : 0)),
      },
      xAxis: { type: 'category', data: points.map(pointLabel), axisTick: { alignWithLabel: true } },
      yAxis: [
        { type: 'value', axisLabel: { formatter: (v: number) => formatNumber(v) }, splitLine: { lineStyle: { color: '#eee' } } },
        { type: 'value', min: 0, axisLabel: { formatter: (v: number) => formatPercent(v, 0) }, splitLine: { show: false } },
      ],
      series: [
        { name: stock, type: 'line', yAxisIndex: 0, symbolSize: 8, itemStyle: { color: '#1b7837' },
          data: points.map((p) => p.forestStockM3) },
        { name: carbon, type: 'line', yAxisIndex: 0, symbolSize: 8, itemStyle: { color: '#0d47a1' },
          data: points.map((p) => p.carbonT) },
        { name: cover, type: 'line', yAxisIndex: 1, symbolSize: 8, lineStyle: { type: 'dashed' }, itemStyle: { color: '#e08214' },
          data: points.map((p) => p.forestCover) },
      ],
    }, true);
  }
}
