import type { ECharts } from 'echarts/core';
import type { CompareColumn, CompareUnit } from '../api/scenarios';
import { t } from '../i18n';
import { unitName } from '../indicators/indicators';
import { columnTitle, LIVE_COLOR, scenarioColor, type CompareIndicator } from './scenario';

let echartsModule: Promise<typeof import('./echarts')> | null = null;
const loadECharts = () => (echartsModule ??= import('./echarts'));

/** ECharts tooltips are HTML: names from the API are escaped. */
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The comparison's chart: per unit a group of horizontal bars, 现状 (grey) and each scenario in its colour, with the
 * plan's target as a red mark where the unit has one.
 */
export class CompareChart {
  readonly element: HTMLDivElement;
  private chart: ECharts | null = null;

  constructor() {
    this.element = document.createElement('div');
    this.element.className = 'cm-chart cm-compare-chart';
    this.element.dataset.testid = 'compare-chart';
  }

  /** Draws the chart; the element must be in the document (ECharts measures it). */
  async render(indicator: CompareIndicator, columns: CompareColumn[], units: CompareUnit[]): Promise<void> {
    const echarts = await loadECharts();
    if (!this.element.isConnected) return;
    // the first unit at the top
    const rows = [...units].reverse();
    this.element.style.height = `${Math.max(180, rows.length * (columns.length * 13 + 16) + 90)}px`;
    if (!this.chart) {
      this.chart = echarts.init(this.element, undefined, { renderer: 'canvas' });
      new ResizeObserver(() => this.chart?.resize()).observe(this.element);
    } else this.chart.resize();
    const names = rows.map((u) => unitName(u));
    const colorOf = (i: number) => (columns[i].key === 'live' ? LIVE_COLOR : scenarioColor(columns.slice(0, i).filter((c) => c.key !== 'live').length));
    const targets = rows.map((u, i) => {
      const target = u.figures[0]?.targets.find((tg) => tg.indicator === indicator.key);
      return target ? [target.target, i] : null;
    }).filter((x): x is number[] => x !== null);
    const maxValue = Math.max(0, ...rows.flatMap((u) => u.figures.map((f) => (f ? indicator.value(f) ?? 0 : 0))), ...targets.map((x) => x[0]));
    const series: object[] = columns.map((col, i) => ({
      type: 'bar', name: columnTitle(col), barMaxWidth: 12, barGap: '10%',
      itemStyle: { color: colorOf(i) },
      data: rows.map((u) => (u.figures[i] ? indicator.value(u.figures[i]) : null)),
    }));
    if (targets.length) {
      series.push({
        type: 'scatter', name: t('legend.target'), symbol: 'rect', symbolSize: [3, Math.max(14, columns.length * 13)],
        itemStyle: { color: '#d7301f' }, data: targets, z: 5,
      });
    }
    this.chart.setOption({
      animation: false,
      color: columns.map((_, i) => colorOf(i)),
      legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 11 }, type: 'scroll' },
      grid: { left: 8, right: 28, top: 44, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: (p: { seriesName: string; value: number | number[] | null; dataIndex: number; seriesType: string }) => {
          const v = Array.isArray(p.value) ? p.value[0] : p.value;
          const unit = p.seriesType === 'scatter' ? names[(p.value as number[])[1]] : names[p.dataIndex];
          return `${escape(unit ?? '')}<br>${escape(p.seriesName)}：${v === null || v === undefined ? '—' : escape(indicator.format(v))}`;
        },
      },
      xAxis: {
        type: 'value', max: indicator.share ? (maxValue > 1 ? undefined : 1) : maxValue > 0 ? maxValue * 1.08 : undefined,
        axisLabel: { formatter: (v: number) => indicator.format(v).replace(/\.0(?=\D|$)/, '').replace(/ .*$/, ''), hideOverlap: true, fontSize: 10 },
        splitLine: { lineStyle: { color: '#eee' } },
      },
      yAxis: { type: 'category', data: names, axisLabel: { fontSize: 11, width: 90, overflow: 'truncate' } },
      series,
    }, true);
  }

  /** Whether the chart has been drawn (for tests reading the page's state). */
  isDrawn(): boolean {
    return this.chart !== null;
  }
}
