import type { ECharts } from 'echarts/core';
import type { UnitMetrics } from '../api/types';
import { t } from '../i18n';
import { colorFor, classBreaks, targetsOf, type Indicator } from '../indicators/indicators';

/** ECharts, loaded when the first chart is drawn: the map opens without waiting for it. */
let echartsModule: Promise<typeof import('./echarts')> | null = null;
const loadECharts = () => (echartsModule ??= import('./echarts'));

const SHARES = ['blueGreenShare', 'forestCover', 'pvCountShare'];

/**
 * A horizontal bar per unit (zone or street) for one indicator, largest first, with the plan's target as a dashed
 * mark line where a unit's value compares to it. Clicking a unit's row calls `onSelect` with the unit.
 */
export class UnitChart {
  readonly element: HTMLDivElement;
  private chart: ECharts | null = null;
  private units: UnitMetrics[] = [];

  constructor(private readonly onSelect: (unit: UnitMetrics) => void) {
    this.element = document.createElement('div');
    this.element.className = 'cm-chart';
    this.element.dataset.testid = 'unit-chart';
  }

  /** Draws the chart; the element must be in the document (ECharts measures it). */
  async render(indicator: Indicator, units: UnitMetrics[], allMetrics: UnitMetrics[]): Promise<void> {
    const echarts = await loadECharts();
    const rows = units.map((u) => ({ u, v: indicator.value(u) }))
      .sort((a, b) => (a.v ?? -Infinity) - (b.v ?? -Infinity));
    this.units = rows.map((r) => r.u);
    this.element.style.height = `${Math.max(160, rows.length * 26 + 50)}px`;
    if (!this.chart) {
      this.chart = echarts.init(this.element, undefined, { renderer: 'canvas' });
      // a click anywhere on a unit's row counts, not only on its bar: short bars are hard to hit on a tablet
      this.chart.getZr().on('click', (e) => {
        const chart = this.chart!;
        if (!chart.containPixel('grid', [e.offsetX, e.offsetY])) return;
        const [, index] = chart.convertFromPixel({ seriesIndex: 0 }, [e.offsetX, e.offsetY]) as number[];
        const unit = this.units[Math.round(index)];
        if (unit) this.onSelect(unit);
      });
      new ResizeObserver(() => this.chart?.resize()).observe(this.element);
    }
    const breaks = classBreaks(rows.map((r) => r.v).filter((v): v is number => v !== null), 5);
    const targets = targetsOf(indicator, allMetrics).filter((tg) => tg.onScale !== null);
    const maxValue = Math.max(...rows.map((r) => r.v ?? 0), ...targets.map((tg) => tg.onScale!));
    this.chart.setOption({
      animation: false,
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number }) => {
          const r = rows[p.dataIndex];
          return `${escape(r.u.name)}<br>${escape(t(indicator.title))}：${r.v === null ? '—' : escape(indicator.format(r.v))}`;
        },
      },
      xAxis: {
        // shares on 0–100 %; other indicators up to the largest value or target, whichever is higher
        type: 'value', max: SHARES.includes(indicator.key) ? 1 : maxValue > 0 ? maxValue * 1.08 : undefined,
        axisLabel: {
          formatter: (v: number) => indicator.format(v).replace(/\.0(?=\D|$)/, '').replace(/ .*$/, ''),
          hideOverlap: true, showMaxLabel: SHARES.includes(indicator.key),
        },
        splitLine: { lineStyle: { color: '#eee' } },
      },
      yAxis: { type: 'category', data: rows.map((r) => r.u.name), axisLabel: { fontSize: 11 } },
      series: [{
        type: 'bar', barMaxWidth: 18,
        data: rows.map((r) => ({
          value: r.v ?? 0,
          itemStyle: { color: colorFor(r.v, breaks, indicator.colors) ?? '#ddd', borderColor: '#777', borderWidth: 0.5 },
        })),
        markLine: {
          symbol: 'none', silent: true,
          lineStyle: { color: '#d7301f', type: 'dashed', width: 2 },
          // the targets are named under the chart: two labels on close lines would cover each other and the bars
          label: { show: false },
          data: targets.map((tg) => ({
            xAxis: tg.onScale!, name: `${tg.unitName} ${t('legend.target')} ${indicator.format(tg.onScale!)}`,
          })),
        },
      }],
    }, true);
  }
}

/** ECharts tooltips are HTML: unit names from the API are escaped. */
function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
