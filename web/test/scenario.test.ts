// Unit tests of the scenario tab's pure parts (npm run test:unit): gaps, the URL view, the project filters, the
// comparison table, the drafts' effect on the live layers, request building and the editor's conflict mapping.
import { afterEach, test } from 'vitest';
import assert from 'node:assert/strict';
import { ApiError } from '../src/api/client';
import {
  compareExportUrl, compareQuery, draftSaveRequest, type Comparison, type DraftFeature, type ScenarioProject,
} from '../src/api/scenarios';
import type { Feature, TargetProgress, UnitMetrics } from '../src/api/types';
import { DEFAULT_STATE, formatViewState, parseViewState } from '../src/app/ViewState';
import type { Working } from '../src/edit/FeatureEditor';
import { setLang } from '../src/i18n';
import { DraftSource } from '../src/scenario/DraftSource';
import { gapDelta } from '../src/scenario/gap';
import {
  apiUnitOf, compareTable, copyName, draftOfLive, filterChoices, filterProjects, formatGap, idsToSet, NO_FILTER,
  projectBasis, replacedLive, settingsProblems,
} from '../src/scenario/scenario';

afterEach(() => setLang('zh'));

const NB = '\u00a0';
const ZW = '\u200b';

test('a gap in m² is written in 公顷 and 亩, stock in m³, PV in whole roofs; exceeded and exact are said so', () => {
  assert.equal(formatGap({ unit: 'm2', missing: 200_000, exceeded: 0 })!.text, `缺口 20.0${NB}公顷${ZW}（300${NB}亩）`);
  assert.equal(formatGap({ unit: 'm2', missing: 0, exceeded: 15_000 })!.text, `超出 1.50${NB}公顷${ZW}（23${NB}亩）`);
  assert.equal(formatGap({ unit: 'm2', missing: 0, exceeded: 15_000 })!.kind, 'exceeded');
  assert.equal(formatGap({ unit: 'm3', missing: 5_000, exceeded: 0 })!.text, '缺口 5,000 m³');
  assert.equal(formatGap({ unit: 'roofs', missing: 2.2, exceeded: 0 })!.text, `缺口 3${NB}个屋顶`, 'a part of a roof is a roof to build');
  assert.equal(formatGap({ unit: 'roofs', missing: 0, exceeded: 0 })!.text, '恰好达标');
  assert.equal(formatGap(undefined), null, 'servers before issue 12 send no gap');
  setLang('en');
  assert.equal(formatGap({ unit: 'm2', missing: 200_000, exceeded: 0 })!.text, `Gap 20.0${NB}ha (300${NB}mu)`);
  assert.equal(formatGap({ unit: 'm3', missing: 0, exceeded: 151.2 })!.text, 'Exceeded by 151 m³');
});

const target = (over: Partial<TargetProgress>): TargetProgress => ({
  indicator: 'blueGreenShare', title: { zh: '蓝绿', en: 'BG' }, target: 0.65, year: 2025, value: 0.64, progress: 0.98,
  status: 'behind', office: '区农业农村委', ...over,
});

test('a scenario\'s change on a target is the live gap minus its own, in the gap\'s unit', () => {
  const live = target({ gap: { unit: 'm2', missing: 2_004_389.7, exceeded: 0 } });
  assert.deepEqual(gapDelta(target({ gap: { unit: 'm2', missing: 1_974_277.4, exceeded: 0 } }), live),
    { text: `较现状 +3.01${NB}公顷${ZW}（45${NB}亩）`, same: false });
  // from missing to exceeded: the whole way counts
  assert.equal(gapDelta(target({ gap: { unit: 'm2', missing: 0, exceeded: 100_000 } }), target({ gap: { unit: 'm2', missing: 100_000, exceeded: 0 } }))!.text,
    `较现状 +20.0${NB}公顷${ZW}（300${NB}亩）`);
  assert.equal(gapDelta(target({ gap: { unit: 'm3', missing: 10, exceeded: 0 } }), target({ gap: { unit: 'm3', missing: 0, exceeded: 0 } }))!.text, '较现状 −10 m³');
  assert.deepEqual(gapDelta(live, live), { text: '与现状相同', same: true });
  assert.equal(gapDelta(target({}), live), null);
});

test('the chosen scenario, its view and the comparison survive the URL; bad ids are dropped', () => {
  const view = { ...DEFAULT_STATE, tab: 'scenario' as const, scenario: 12, scenarioView: 'compare' as const, compare: [12, 15],
    compareUnits: 'streets' as const, compareIndicator: 'farmlandMu' };
  const hash = formatViewState(view);
  assert.ok(hash.includes('scenario=12') && hash.includes('cmp=12,15'), hash);
  assert.deepEqual(parseViewState(hash), view);
  assert.equal(formatViewState(DEFAULT_STATE), '#', 'no scenario, nothing in the URL');
  const bad = parseViewState('#scenario=abc&cmp=3,x,3,-1,4&cmpu=planets&scv=nowhere&tab=scenario');
  assert.equal(bad.scenario, null);
  assert.deepEqual(bad.compare, [3, 4]);
  assert.equal(bad.compareUnits, DEFAULT_STATE.compareUnits);
  assert.equal(bad.scenarioView, 'list');
  assert.equal(bad.tab, 'scenario');
  assert.equal(parseViewState('#scenario=0').scenario, null);
  assert.equal(parseViewState('#scenario=1e3').scenario, null);
});

const project = (over: Partial<ScenarioProject>): ScenarioProject => ({
  layer: 'parks', id: 1, name: 'P', status: 'planned', year: 2025, street: { code: '120110001000', name: '张贵庄街道' },
  areaM2: 10_000, done: true, choice: null, bbox: [117.3, 39.1, 117.31, 39.11], ...over,
});

test('projects filter by type, status, exact year or up to a year, and street', () => {
  const list = [
    project({ id: 1, year: 2024, name: '乙' }),
    project({ id: 2, year: 2026, status: 'under_construction', name: '甲' }),
    project({ id: 3, layer: 'farmland', year: 2025, street: { code: '120110009000', name: '金桥街道' } }),
    project({ id: 4, year: null }),
  ];
  const ids = (f: Partial<typeof NO_FILTER>) => filterProjects(list, { ...NO_FILTER, ...f }).map((p) => `${p.layer}:${p.id}`);
  assert.deepEqual(ids({}), ['parks:1', 'parks:2', 'parks:4', 'farmland:3'], 'parks first, by year, no year last');
  assert.deepEqual(ids({ layer: 'farmland' }), ['farmland:3']);
  assert.deepEqual(ids({ status: 'under_construction' }), ['parks:2']);
  assert.deepEqual(ids({ year: '2024' }), ['parks:1']);
  assert.deepEqual(ids({ year: 'le:2025' }), ['parks:1', 'farmland:3'], 'a project without a year is not "up to 2025"');
  assert.deepEqual(ids({ street: '120110009000' }), ['farmland:3']);
  const choices = filterChoices(list);
  assert.deepEqual(choices.years, [2026, 2025, 2024]);
  assert.deepEqual(choices.streets.map((s) => s.name), ['张贵庄街道', '金桥街道']);
});

test('"tick all shown" sends only the projects whose tick changes, by layer; the basis of each is said', () => {
  const shown = [
    project({ id: 1, choice: true }), project({ id: 2, choice: null }), project({ id: 3, choice: false }),
    project({ id: 9, layer: 'farmland', choice: null, done: false }),
  ];
  assert.deepEqual([...idsToSet(shown, true)], [['parks', [2, 3]], ['farmland', [9]]]);
  assert.deepEqual([...idsToSet(shown, false)], [['parks', [1, 2]], ['farmland', [9]]]);
  assert.deepEqual([...idsToSet(shown, null)], [['parks', [1, 3]]], 'back to the rule: only those ticked by hand');
  assert.equal(projectBasis(project({ choice: null })), 'scenario.projects.byRuleDone');
  assert.equal(projectBasis(project({ choice: false, done: false })), 'scenario.projects.unticked');
});

const unitMetrics = (over: Partial<UnitMetrics>): UnitMetrics => ({
  unit: 'barrier', code: 'barrier', name: '生态屏障区', zoneType: null, bbox: null, areaM2: 1_000_000, blueGreenM2: 600_000,
  blueGreenShare: 0.6, forestM2: 0, forestCover: 0.1, forestStockM3: 1000, co2T: 50, pvEligible: 0, pvInstalled: 0,
  pvCountShare: null, pvAreaShare: null, farmlandM2: 0, farmlandMu: 0, targets: [], ...over,
});

test('the comparison table: one row per indicator of each unit of the set, differences to live, the gap per column', () => {
  const gapOf = (missing: number) => ({ unit: 'm2' as const, missing, exceeded: 0 });
  const c: Comparison = {
    columns: [{ key: 'live', name: '现状', year: 2026 }, { key: '12', id: 12, name: 'A', year: 2025 }, { key: '15', id: 15, name: 'B', year: 2030 }],
    units: [
      { unit: 'barrier', code: 'barrier', name: '生态屏障区', zoneType: null, figures: [
        unitMetrics({ targets: [target({ value: 0.6, gap: gapOf(50_000) })] }),
        unitMetrics({ blueGreenShare: 0.60004, targets: [target({ value: 0.60004, status: 'behind', gap: gapOf(49_960) })] }),
        unitMetrics({ blueGreenShare: 0.66, forestStockM3: 1200, targets: [target({ value: 0.66, status: 'met', gap: { unit: 'm2', missing: 0, exceeded: 10_000 } })] }),
      ] },
      { unit: 'level', code: 'L1', name: '一级管控区', zoneType: 'control_level', figures: [unitMetrics({ unit: 'level' }), unitMetrics({ unit: 'level' }), unitMetrics({ unit: 'level' })] },
    ],
  };
  const groups = compareTable(c, 'barrier');
  assert.equal(groups.length, 1, 'only the barrier');
  const rows = groups[0].rows.map((r) => r.indicator.key);
  assert.deepEqual(rows, ['blueGreenShare', 'forestCover', 'forestStockM3', 'co2T', 'farmlandMu'], 'PV left out: no column has it');
  const bg = groups[0].rows[0].cells;
  assert.deepEqual(bg.map((x) => x.text), ['60.0%', '60.0%', '66.0%']);
  assert.deepEqual(bg.map((x) => x.delta), [null, null, '+6.0 个百分点'], 'a change under 0.005 points is no change');
  assert.deepEqual(bg.map((x) => x.status), ['behind', 'behind', 'met']);
  assert.equal(bg[2].gap!.kind, 'exceeded');
  assert.equal(groups[0].rows[2].cells[2].delta, '+200 m³');
  assert.deepEqual(compareTable(c, 'levels').map((g) => g.unit.code), ['L1']);
  assert.equal(apiUnitOf('levels'), 'barrier', 'levels come with the barrier\'s answer');
  assert.equal(apiUnitOf('streets'), 'streets');
});

const draft = (id: number, op: DraftFeature['scenario']['op'], liveId: number | null, conflict = false, layer = 'parks'): DraftFeature => ({
  type: 'Feature', id, version: 1, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }, properties: { name: `d${id}` },
  scenario: { op, layer, liveId, liveVersion: liveId === null ? null : 3,
    conflict: conflict ? { reason: 'changed', live: null } : null },
});

test('applied drafts stand in for their live features; conflicting ones do not; new ones replace nothing', () => {
  const drafts = [draft(1, 'create', null), draft(2, 'update', 10), draft(3, 'delete', 11), draft(4, 'update', 12, true), draft(5, 'update', 7, false, 'land_cover')];
  assert.deepEqual([...replacedLive(drafts)], [['parks', [10, 11]], ['land_cover', [7]]]);
  assert.equal(draftOfLive(drafts, 'parks', 12)?.id, 4);
  assert.equal(draftOfLive(drafts, 'land_cover', 10), undefined);
});

test('draft saves go where the contract says: a new feature, a live one replaced or deleted, a draft changed or rebased', () => {
  assert.deepEqual(draftSaveRequest(7, 'parks', { draftId: null, liveId: null, liveVersion: null }), { method: 'POST', url: '/api/scenarios/7/features/parks' });
  assert.deepEqual(draftSaveRequest(7, 'land_cover', { draftId: null, liveId: 40, liveVersion: 3 }),
    { method: 'POST', url: '/api/scenarios/7/features/land_cover?replaces=40&liveVersion=3' });
  assert.equal(draftSaveRequest(7, 'parks', { draftId: null, liveId: 40, liveVersion: 3, delete: true }).url,
    '/api/scenarios/7/features/parks?replaces=40&liveVersion=3&delete=true');
  assert.deepEqual(draftSaveRequest(7, 'parks', { draftId: 9, liveId: 40, liveVersion: 5 }), { method: 'PUT', url: '/api/scenarios/7/features/parks/9' });
  assert.equal(draftSaveRequest(7, 'parks', { draftId: 9, liveId: 40, liveVersion: 5, rebase: true }).url, '/api/scenarios/7/features/parks/9?liveVersion=5');
  assert.equal(compareQuery([12, 15], 'barrier'), 'scenarios=live,12,15&unit=barrier');
  assert.equal(compareExportUrl('pdf', [12], 'district'), '/api/metrics/compare.pdf?scenarios=live,12&unit=district');
});

test('a scenario\'s settings need a name and a year of this century; a copy gets a free name', () => {
  assert.deepEqual(settingsProblems({ name: ' ', year: 2025, countAsDoneUpToYear: null }), { name: 'scenario.form.needName' });
  assert.deepEqual(settingsProblems({ name: 'A', year: 2025.5, countAsDoneUpToYear: 3000 }), { year: 'scenario.form.badYear', upToYear: 'scenario.form.badYear' });
  assert.deepEqual(settingsProblems({ name: 'A', year: 2030, countAsDoneUpToYear: 2027 }), {});
  assert.equal(copyName('方案', []), '方案 副本');
  assert.equal(copyName('方案', ['方案 副本', '方案 副本 2']), '方案 副本 3');
});

test('the drafts\' editor turns a 409 into the conflict to resolve: live changed (rebase) or a draft already there', () => {
  const drafts = [draft(9, 'update', 40)];
  const source = new DraftSource({ scenarioId: () => 7, layer: { drafts: () => drafts } as never });
  const liveNow: Feature = { type: 'Feature', id: 40, geometry: drafts[0].geometry, properties: { name: 'live' }, meta: {
    layer: 'parks', version: 5, createdBy: null, createdAt: null, updatedBy: 'editor2', updatedAt: null } };
  const notDrafted: Working = { layer: 'parks', id: null, version: null, loaded: { ...liveNow, meta: undefined }, liveId: 40, liveVersion: 3 };
  const changed = source.conflict(notDrafted, new ApiError(409, 'changed', 'live-changed', { code: 'live-changed', current: liveNow }))!;
  assert.equal(changed.theirVersion, 5);
  assert.equal(changed.myVersion, 3);
  assert.equal(changed.keepMine.liveVersion, 5, 'keep mine: saved on the live version now');
  assert.equal(changed.keepMine.rebase, false, 'a first save of the draft needs no rebase');
  const asDraft: Working = { ...notDrafted, id: 9, version: 2 };
  assert.equal(source.conflict(asDraft, new ApiError(409, 'changed', 'live-changed', { current: liveNow }))!.keepMine.rebase, true);
  const existing = source.conflict(notDrafted, new ApiError(409, 'exists', 'draft-exists', { code: 'draft-exists', current: drafts[0] as never }))!;
  assert.equal(existing.keepMine.id, 9, 'keep mine: saved over the draft that is there');
  assert.equal(existing.keepMine.version, 1);
  assert.equal(source.conflict(notDrafted, new ApiError(409, 'no body')), null);
  assert.equal(source.readOnly({ ...notDrafted, id: 9 }), false);
  assert.equal(source.editable({ name: 'zones' }, 'all'), false, 'units are not drafted');
  assert.equal(source.editable({ name: 'parks' }, 'survey'), false, 'a surveyor\'s scope does not draft');
});
