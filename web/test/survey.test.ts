// Unit tests of the survey module's pure parts (npm run test:unit).
import { test } from 'vitest';
import assert from 'node:assert/strict';
import {
  carbonOf, carbonPerM3, CO2_PER_C, closedSeasons, fieldProblems, filterPlots, openSeason, parseUnitRef, plotsBeyond,
  reportUnits, share, streetsToDo, unitRef, viewedSeason,
} from '../src/survey/survey';
import { DEFAULT_STATE, formatViewState, parseViewState } from '../src/app/ViewState';
import type { CarbonParameter, PlotChange, Season, SeasonPlot } from '../src/api/survey';
import type { AttributeInfo, UnitMetrics } from '../src/api/types';

const poplar: CarbonParameter = { species: 'poplar', nameZh: '杨树', woodDensity: 0.378, bef: 1.446, rootShoot: 0.227, carbonFraction: 0.496, source: 'test' };

test('carbon of a stock by the volume-expansion method, computed by hand', () => {
  // 0.378 × 1.446 × 1.227 × 0.496 = 0.33265… t C per m³
  const perM3 = 0.378 * 1.446 * 1.227 * 0.496;
  assert.ok(Math.abs(carbonPerM3(poplar) - perM3) < 1e-12);
  const c = carbonOf([poplar], 'poplar', 100)!;
  assert.ok(Math.abs(c.c - 33.2650) < 1e-3, `${c.c}`);
  assert.ok(Math.abs(c.co2 - c.c * 44 / 12) < 1e-9);
  assert.equal(CO2_PER_C, 44 / 12);
  assert.equal(carbonOf([poplar], 'elm', 100), null, 'no parameters for the species');
  assert.equal(carbonOf([poplar], 'poplar', Number.NaN), null, 'no stock');
});

const change = (plotCode: string, stockFrom: number | null, stockTo: number | null, canopyFrom: number | null, canopyTo: number | null): PlotChange =>
  ({ plotCode, stockFrom, stockTo, canopyFrom, canopyTo });

test('plots beyond a stricter threshold: stock by share, canopy by difference, new and gone plots always', () => {
  const plots = [
    change('A', 100, 112, 0.5, 0.5), // +12 %
    change('B', 100, 160, 0.5, 0.52), // +60 %
    change('C', 100, 101, 0.3, 0.45), // canopy +0.15
    change('D', null, 20, null, 0.3), // planted
    change('E', 100, 50, 0.5, 0.1), // −50 %, canopy −0.4
  ];
  assert.deepEqual(plotsBeyond(plots, 0.1, 0.1).map((p) => p.plotCode).sort(), ['A', 'B', 'C', 'D', 'E']);
  assert.deepEqual(plotsBeyond(plots, 0.5, 0.2).map((p) => p.plotCode), ['D', 'B', 'E'], 'largest change first, 50 % counts');
  assert.deepEqual(plotsBeyond(plots, 0.5, 0.1).map((p) => p.plotCode), ['D', 'B', 'E', 'C']);
});

const plot = (id: number, code: string, street: string | null, surveyed: boolean): SeasonPlot => ({
  id, plot_code: code, species: 'poplar', canopy_closure: 0.5, stock_m3: 10, street, surveyed, surveyedBy: null, surveyedAt: null,
});

test('plots filtered by survey state and street, by code', () => {
  const plots = [plot(1, 'DL-0003', 'S1', false), plot(2, 'DL-0001', 'S2', true), plot(3, 'DL-0002', 'S1', true)];
  assert.deepEqual(filterPlots(plots, 'pending', null).map((p) => p.id), [1]);
  assert.deepEqual(filterPlots(plots, 'surveyed', null).map((p) => p.id), [2, 3]);
  assert.deepEqual(filterPlots(plots, 'all', 'S1').map((p) => p.id), [3, 1]);
  assert.deepEqual(filterPlots(plots, 'surveyed', 'S3'), []);
});

test('streets to do: those with plots, least advanced first', () => {
  const progress = { season: '2025', plots: 30, surveyed: 6, streets: [
    { code: 'a', name: '华明街道', plots: 10, surveyed: 5 }, { code: 'b', name: '金桥街道', plots: 20, surveyed: 1 },
    { code: 'c', name: '无瑕街道', plots: 0, surveyed: 0 }] };
  assert.deepEqual(streetsToDo(progress).map((s) => s.code), ['b', 'a']);
  assert.equal(share({ plots: 20, surveyed: 5 }), 0.25);
  assert.equal(share({ plots: 0, surveyed: 0 }), 1);
});

const season = (code: string, state: 'open' | 'closed', surveyDate: string): Season =>
  ({ code, name: `${code}年秋季调查`, surveyDate, state, withLandCover: false, createdBy: 'system', closedAt: null });

test('the season a view names is shown only when it is closed; otherwise now', () => {
  const seasons = [season('2025', 'open', '2025-10-17'), season('2024', 'closed', '2024-10-18'), season('2023', 'closed', '2023-10-20')];
  assert.equal(openSeason(seasons)?.code, '2025');
  assert.deepEqual(closedSeasons(seasons).map((s) => s.code), ['2023', '2024']);
  assert.equal(viewedSeason(seasons, '2023')?.code, '2023');
  assert.equal(viewedSeason(seasons, '2025'), null, 'the open season is the live layers');
  assert.equal(viewedSeason(seasons, '1999'), null);
  assert.equal(viewedSeason(seasons, null), null);
});

test('the season and the survey view survive the URL', () => {
  const s = { ...DEFAULT_STATE, tab: 'survey' as const, season: '2023', survey: 'field' as const };
  const back = parseViewState(formatViewState(s));
  assert.equal(back.tab, 'survey');
  assert.equal(back.season, '2023');
  assert.equal(back.survey, 'field');
  assert.equal(formatViewState(DEFAULT_STATE), '#', 'defaults leave the URL empty');
  assert.equal(parseViewState('#sv=nonsense').survey, 'trend');
});

const attr = (name: string): AttributeInfo => ({ name, type: 'decimal', required: true, title: { zh: name, en: name } });

test('the server\'s attribute problems go under their fields, the others to the message', () => {
  const { fields, other } = fieldProblems([attr('canopy_closure'), attr('stock_m3')], [
    { code: 'invalid_attribute', reason: 'canopy_closure: 1.5 is above the maximum 1' },
    { code: 'outside_street', reason: 'the plot lies outside street 120110001' },
  ]);
  assert.deepEqual(Object.keys(fields), ['canopy_closure']);
  assert.deepEqual(fields.canopy_closure, { key: 'form.server', params: { reason: 'canopy_closure: 1.5 is above the maximum 1' } });
  assert.deepEqual(other.map((p) => p.code), ['outside_street']);
});

const unit = (over: Partial<UnitMetrics>): UnitMetrics => ({
  unit: 'zone', code: 'Z', name: 'Z', zoneType: 'control_level', bbox: null, areaM2: 1, blueGreenM2: 0, blueGreenShare: null,
  forestM2: 0, forestCover: null, forestStockM3: 0, pvEligible: 0, pvInstalled: 0, pvCountShare: null, pvAreaShare: null,
  farmlandM2: 0, farmlandMu: 0, targets: [], ...over,
});

test('reports and series are offered for the district, barrier, levels, control zones and streets', () => {
  const units = reportUnits([unit({ unit: 'street', code: 'S' }), unit({ code: 'corridor', zoneType: 'corridor' }),
    unit({ unit: 'district', code: 'D' }), unit({ unit: 'level', code: 'L1' }), unit({ code: 'Z1' })]);
  assert.deepEqual(units.map(unitRef), ['district:D', 'level:L1', 'zone:Z1', 'street:S']);
  assert.deepEqual(parseUnitRef('street:120110001'), { unit: 'street', code: '120110001' });
  assert.equal(parseUnitRef('nonsense'), null);
});
