// Unit tests of the client's pure parts, run by Vitest (npm run test:unit).
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { classBreaks, colorFor, INDICATORS, stockPerHa, targetsOf } from '../src/indicators/indicators';
import { DEFAULT_STATE, formatViewState, parseViewState } from '../src/app/ViewState';
import { tileBbox, tilesCovering } from '../src/layers/tiles';
import { containsPoint } from '../src/layers/geometry';
import { projectsCsv } from '../src/browser/projects';
import { WMS_LAYERS, wmsEndpoint, wmsParams } from '../src/layers/wms';
import { changedAttributes, parseValue, validateAll } from '../src/edit/schema';
import { versionOf } from '../src/api/client';
import type { AttributeInfo, StreetProject, UnitMetrics } from '../src/api/types';

const unit = (over: Partial<UnitMetrics>): UnitMetrics => ({
  unit: 'zone', code: 'Z', name: 'Z', zoneType: 'control_level', bbox: null, areaM2: 1_000_000, blueGreenM2: 0,
  blueGreenShare: null, forestM2: 0, forestCover: null, forestStockM3: 0, pvEligible: 0, pvInstalled: 0,
  pvCountShare: null, pvAreaShare: null, farmlandM2: 0, farmlandMu: 0, targets: [], ...over,
});

test('blue-green shares from 68 % to 80 % fall in at most five round classes', () => {
  const breaks = classBreaks([0.68, 0.7, 0.73, 0.76, 0.8], 5);
  assert.ok(breaks.length - 1 <= 5, `${breaks}`);
  assert.ok(breaks[0] <= 0.68 && breaks[breaks.length - 1] >= 0.8, `${breaks}`);
  assert.equal(colorFor(0.68, breaks, INDICATORS.blueGreenShare.colors), INDICATORS.blueGreenShare.colors[5 - (breaks.length - 1)]);
  assert.equal(colorFor(0.8, breaks, INDICATORS.blueGreenShare.colors), INDICATORS.blueGreenShare.colors[4]);
  assert.equal(colorFor(null, breaks, INDICATORS.blueGreenShare.colors), null);
});

test('stock per hectare is the stock over the area in hectares', () => {
  assert.equal(stockPerHa(unit({ forestStockM3: 6000, areaM2: 2_000_000 })), 30);
  assert.equal(stockPerHa(unit({ areaM2: 0 })), null);
});

test('the barrier\'s 60,000 m³ of stock is read as m³ per hectare of the barrier', () => {
  const barrier = unit({ unit: 'barrier', code: 'barrier', name: '生态屏障区', areaM2: 200_000_000, targets: [{
    indicator: 'forestStockM3', title: { zh: '森林蓄积量', en: 'Forest stock' }, target: 60000, year: 2025,
    value: 50000, progress: 0.83, status: 'behind', office: '区农业农村委' }] });
  const [tg] = targetsOf(INDICATORS.stockPerHa, [barrier]);
  assert.equal(tg.onScale, 3);
  assert.equal(tg.unitName, '生态屏障区');
  assert.deepEqual(targetsOf(INDICATORS.farmlandMu, [barrier]), []);
});

test('a view survives the URL', () => {
  const view = { ...DEFAULT_STATE, tab: 'browser' as const, lang: 'en' as const, center: [39.1, 117.4] as [number, number],
    zoom: 15, street: '120110009000', types: ['farmland'], status: 'accepted', year: 2023, selected: 'farmland:7',
    choropleth: true, indicator: 'forestCover' as const, units: 'streets' as const, forest: 'species' as const };
  assert.deepEqual(parseViewState(formatViewState(view)), view);
  assert.deepEqual(parseViewState(''), DEFAULT_STATE);
  assert.equal(parseViewState('#ind=nonsense&z=abc').indicator, DEFAULT_STATE.indicator);
});

test('the tiles covering a box contain it', () => {
  const box: [number, number, number, number] = [117.30, 39.05, 117.35, 39.08];
  const tiles = tilesCovering(box, 14);
  const boxes = tiles.map(tileBbox);
  assert.ok(Math.min(...boxes.map((b) => b[0])) <= box[0] && Math.max(...boxes.map((b) => b[2])) >= box[2]);
  assert.ok(Math.min(...boxes.map((b) => b[1])) <= box[1] && Math.max(...boxes.map((b) => b[3])) >= box[3]);
  assert.ok(tiles.length <= 9, `${tiles.length} tiles`);
});

test('a click in a polygon\'s hole is not in the polygon', () => {
  const g = { type: 'Polygon' as const, coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]] };
  assert.ok(containsPoint(g, 1, 1));
  assert.ok(!containsPoint(g, 5, 5));
  assert.ok(!containsPoint(g, 11, 5));
});

test('the CSV opens in Excel: byte order mark, quoted commas, formulas neutralised', () => {
  const p = (title: string): StreetProject => ({ layer: 'farmland', id: 1, title, status: 'accepted', year: 2023,
    areaM2: 533_333.3, bbox: [0, 0, 1, 1], center: [117.4, 39.1], properties: {} });
  const csv = projectsCsv([p('金桥街2023年新建高标准农田项目'), p('=HYPERLINK("x"),1')]);
  assert.ok(csv.startsWith('\uFEFF类型,名称,状态,年份,'));
  const lines = csv.slice(1).trim().split('\r\n');
  assert.equal(lines[1], '高标准农田,金桥街2023年新建高标准农田项目,已验收,2023,533333.3,800.00,117.400000,39.100000,farmland:1');
  assert.ok(lines[2].startsWith('高标准农田,"\'=HYPERLINK(""x""),1",'), lines[2]);
});

test('GeoServer WMS: no endpoint (and so no request) without a configured URL; the workspace service otherwise', () => {
  assert.equal(wmsEndpoint(null), null);
  assert.equal(wmsEndpoint({ url: null, workspace: 'carbonmap' }), null);
  assert.equal(wmsEndpoint({ url: '  ', workspace: 'carbonmap' }), null);
  assert.equal(wmsEndpoint({ url: 'https://gis.dongli.gov.cn/geoserver/', workspace: 'carbonmap' }),
    'https://gis.dongli.gov.cn/geoserver/carbonmap/wms');
  assert.deepEqual(wmsParams('carbonmap', 'forest_plots'),
    { layers: 'carbonmap:forest_plots', styles: '', format: 'image/png', transparent: true, version: '1.1.1' });
  assert.equal(WMS_LAYERS.length, 7);
});

// ---- the attribute form's checks, the same as the server's (AttributeValidator)

const attr = (over: Partial<AttributeInfo>): AttributeInfo => ({
  name: 'x', type: 'string', required: false, title: { zh: 'x', en: 'x' }, ...over,
});
const canopy = attr({ name: 'canopy_closure', type: 'decimal', required: true, min: 0, max: 1 });
const year = attr({ name: 'planted_year', type: 'integer', min: 1949, max: 2100 });

test('a canopy closure is a required decimal from 0 to 1', () => {
  assert.deepEqual(parseValue(canopy, ' 0.45 '), { value: 0.45, error: null });
  assert.deepEqual(parseValue(canopy, '1.5').error, { key: 'form.range', params: { min: '0', max: '1' } });
  assert.deepEqual(parseValue(canopy, '').error, { key: 'form.required' });
  assert.deepEqual(parseValue(canopy, 'abc').error, { key: 'form.notNumber' });
  assert.equal(parseValue(canopy, '1').error, null, 'the range is inclusive');
});

test('a year is a whole number; thousands separators are read as the server reads them', () => {
  assert.deepEqual(parseValue(year, '2,019'), { value: 2019, error: null });
  assert.deepEqual(parseValue(year, '2019.5').error, { key: 'form.notInteger' });
  assert.deepEqual(parseValue(year, '1900').error, { key: 'form.range', params: { min: '1949', max: '2100' } });
  assert.deepEqual(parseValue(year, ''), { value: null, error: null }, 'empty is absent, and allowed');
});

test('codes, patterns, lengths, dates and yes/no are checked as the server checks them', () => {
  const species = attr({ name: 'species', type: 'enum', values: ['poplar', 'willow'] });
  assert.equal(parseValue(species, 'willow').error, null);
  assert.deepEqual(parseValue(species, 'oak').error, { key: 'form.notCode' });
  const code = attr({ name: 'code', type: 'string', pattern: '\\d{12}', maxLength: 12 });
  assert.equal(parseValue(code, '120110009000').error, null);
  assert.deepEqual(parseValue(code, '12011000900').error?.key, 'form.pattern', 'the whole text must match');
  assert.deepEqual(parseValue(code, '1201100090001').error, { key: 'form.tooLong', params: { n: 12 } });
  const date = attr({ name: 'survey_date', type: 'date' });
  assert.equal(parseValue(date, '2024-02-29').error, null);
  assert.deepEqual(parseValue(date, '2023-02-29').error, { key: 'form.date' });
  const flag = attr({ name: 'pv_installed', type: 'boolean' });
  assert.deepEqual(parseValue(flag, 'true'), { value: true, error: null });
});

test('a rooftop\'s PV area cannot exceed its roof area', () => {
  const attrs = [attr({ name: 'roof_area_m2', type: 'decimal' }), attr({ name: 'pv_area_m2', type: 'decimal' })];
  assert.deepEqual(validateAll('pv_rooftops', attrs, { roof_area_m2: '100', pv_area_m2: '120' }).errors, { pv_area_m2: { key: 'form.pvArea' } });
  assert.deepEqual(validateAll('pv_rooftops', attrs, { roof_area_m2: '100', pv_area_m2: '80' }).errors, {});
});

test('changed attributes compare values, not their spelling', () => {
  const attrs = [canopy, year, attr({ name: 'survey_date', type: 'date' })];
  assert.deepEqual(changedAttributes(attrs, { canopy_closure: 0.5, planted_year: null, survey_date: '2024-05-01' },
    { canopy_closure: 0.5, survey_date: '2024-05-01T00:00:00Z' }), []);
  assert.deepEqual(changedAttributes(attrs, { canopy_closure: 0.5 }, { canopy_closure: 0.45 }), ['canopy_closure']);
});

test('an ETag names a version', () => {
  assert.equal(versionOf('"3"'), 3);
  assert.equal(versionOf('W/"12"'), 12);
  assert.equal(versionOf(null), null);
});
