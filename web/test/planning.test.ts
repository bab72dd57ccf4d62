// Unit tests of the "where to act" views' pure parts (npm run test:unit): the URLs of a view state, the numbers in
// 公顷 / kWp / kWh / tCO₂, the closing set's summary, the PV parameter form's checks. Expectations worked out by hand.
import { afterEach, test } from 'vitest';
import assert from 'node:assert/strict';
import { candidatesUrl, pvPotentialUrl, pvRoofsUrl } from '../src/api/where';
import { DEFAULT_STATE, formatViewState, parseViewState } from '../src/app/ViewState';
import { setLang } from '../src/i18n';
import {
  candidateFromText, closingSummary, formatHa, gapQuery, gapText, layerTitle, parameterErrors, parseUnitKey,
  shareText, targetFromText, targetText, unitKey,
} from '../src/planning/where';

afterEach(() => setLang('zh'));

const NB = '\u00a0';
const ZW = '\u200b';

const closing = (count: number, addedM2: number, closesGap: boolean, remainingGapM2: number) =>
  ({ method: 'greedy', ids: [], count, addedM2, closesGap, remainingGapM2 });

test('a view state gives the candidates URLs, with scenario only when one is chosen', () => {
  const live = gapQuery({ unit: 'street', code: '120110001', indicator: 'forestCover', scenario: null })!;
  assert.equal(candidatesUrl(live), '/api/candidates?unit=street&code=120110001&indicator=forestCover');
  const sc = gapQuery({ unit: 'zone', code: 'Z-3', indicator: 'blueGreenShare', scenario: 7 })!;
  assert.equal(candidatesUrl(sc, 'geojson'), '/api/candidates.geojson?unit=zone&code=Z-3&indicator=blueGreenShare&scenario=7');
  assert.equal(candidatesUrl(sc, 'xlsx'), '/api/candidates.xlsx?unit=zone&code=Z-3&indicator=blueGreenShare&scenario=7');
  assert.equal(candidatesUrl(live, 'csv'), '/api/candidates.csv?unit=street&code=120110001&indicator=forestCover');
  assert.equal(gapQuery({ unit: null, code: null, indicator: 'forestCover', scenario: 7 }), null, 'no unit, no request');
});

test('the PV URLs carry the unit kind and the scenario', () => {
  assert.equal(pvPotentialUrl('streets', null), '/api/pv/potential?unit=streets');
  assert.equal(pvPotentialUrl('district', 4, 'xlsx'), '/api/pv/potential.xlsx?unit=district&scenario=4');
  assert.equal(pvRoofsUrl({ unit: 'street', code: '1201', limit: 50, scenario: 2 }, 'geojson'),
    '/api/pv/roofs.geojson?unit=street&code=1201&limit=50&scenario=2');
});

test('a unit picker key goes there and back; a malformed one is refused', () => {
  assert.equal(unitKey('street', '120110001'), 'street:120110001');
  assert.deepEqual(parseUnitKey('street:120110001'), { unit: 'street', code: '120110001' });
  assert.equal(parseUnitKey('street'), null);
  assert.equal(parseUnitKey(':1'), null);
  assert.equal(parseUnitKey('street:'), null);
});

test('areas in 公顷', () => {
  assert.equal(formatHa(12_345), `1.23${NB}公顷`);
  assert.equal(formatHa(1_234_567), `123.46${NB}公顷`);
});

test('the gap, the target and where it comes from', () => {
  assert.equal(gapText({ gapM2: 200_000 }), `缺口 20.0${NB}公顷${ZW}（300${NB}亩）`);
  assert.equal(gapText({ gapM2: 0 }), '已达标，无缺口');
  assert.equal(targetText({ target: 0.35, targetYear: 2030 }), '35.0%（2030 年）');
  assert.equal(targetText({ target: null, targetYear: null }), '无目标');
  assert.equal(targetText({ target: 27_000, targetYear: 2025, targetUnit: 'mu' }), `27,000${NB}亩（2025 年）`);
  assert.equal(targetFromText('plan-district'), '全区规划目标（缺口为全区缺口，候选为本单元内的）');
  assert.equal(targetFromText('plan-elsewhere'), '沿用其他单元的规划目标');
  assert.equal(targetFromText('request'), '按请求指定的目标');
});

test('the closing set says how many sites, what they add and whether the gap closes', () => {
  assert.equal(closingSummary({ gapM2: 20_000, closingSet: closing(3, 25_000, true, 0) }),
    `3 处候选地块新增 2.50${NB}公顷，可补齐缺口`);
  assert.equal(closingSummary({ gapM2: 20_000, closingSet: closing(2, 12_000, false, 8_000) }),
    `2 处候选地块新增 1.20${NB}公顷，仍差 0.80${NB}公顷`);
  assert.equal(closingSummary({ gapM2: 0, closingSet: closing(0, 0, true, 0) }), '无缺口，无需补齐');
  assert.equal(closingSummary({ gapM2: 20_000, indicator: 'farmlandMu', closingSet: closing(2, 12_000, false, 8_000) }),
    `2 处候选地块新增 1.20${NB}公顷${ZW}（18${NB}亩），仍差 0.80${NB}公顷${ZW}（12${NB}亩）`);
  assert.equal(closingSummary({ gapM2: 5_000, closingSet: closing(0, 0, false, 5_000) }), '没有可用的候选地块');
  setLang('en');
  assert.equal(closingSummary({ gapM2: 20_000, closingSet: closing(3, 25_000, true, 0) }),
    `3 candidate sites add 2.50${NB}ha, closing the gap`);
});

test('energy-1 and city-4 shares, or 未录入 without the district total', () => {
  assert.equal(shareText(null), '未录入');
  assert.equal(shareText(undefined), '未录入');
  assert.equal(shareText(0.1234), '12.3%');
  setLang('en');
  assert.equal(shareText(null), 'not entered');
});

test('the PV parameter form checks number, range and source as the server does', () => {
  const share = { min: 0, max: 1, optional: false };
  assert.deepEqual(parameterErrors(share, '', ''), ['请填写数值', '请注明数据来源']);
  assert.deepEqual(parameterErrors(share, '1.5', '国家标准'), ['数值应在 0 至 1 之间']);
  assert.deepEqual(parameterErrors(share, 'abc', '国家标准'), ['数值格式不正确']);
  assert.deepEqual(parameterErrors(share, ' 0.6 ', '国家标准'), []);
  assert.deepEqual(parameterErrors({ min: 0, max: null, optional: true }, '', '区统计局'), [], 'an optional value may be empty');
  assert.deepEqual(parameterErrors({ min: 0, max: null, optional: true }, '-1', '区统计局'), ['数值不应小于 0']);
  assert.deepEqual(parameterErrors(share, '0.5', '   '), ['请注明数据来源']);
});

test('the sub-views 差距与候选 and 光伏潜力 are kept in the URL as scv=gap and scv=pv', () => {
  assert.equal(parseViewState('#tab=scenario&scv=gap').scenarioView, 'gap');
  assert.equal(parseViewState('#tab=scenario&scv=pv&scenario=5').scenarioView, 'pv');
  assert.match(formatViewState({ ...DEFAULT_STATE, scenarioView: 'pv' }), /(^#|&)scv=pv(&|$)/);
});

test('a candidate is named by its layer and by what it is now', () => {
  assert.equal(layerTitle('land_cover'), '土地覆盖');
  assert.equal(layerTitle('farmland'), '高标准农田');
  assert.equal(candidateFromText({ attribute: 'class', value: 'bare' }), '裸地');
  assert.equal(candidateFromText({ attribute: 'status', value: 'under_construction' }), '在建');
  assert.equal(candidateFromText({ attribute: 'canopy_closure', value: 0.1 }), '郁闭度 0.10');
  setLang('en');
  assert.equal(candidateFromText({ attribute: 'class', value: 'cropland' }), 'Cropland');
  assert.equal(layerTitle('forest_plots'), 'Forest plots');
});
