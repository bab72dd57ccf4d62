// The "where to act" sub-views of 规划情景 (差距与候选, 光伏潜力; issue 13) in a real browser, against the built page
// with the API answered by fixtures (Playwright routes), so no server nor data is needed:
//   (cd web && npm run build && npx vite preview --port 4179 --strictPort) &
//   node web/e2e/where.mjs --base http://localhost:4179
// It checks what the views show of an answer, the request of 加入情景 and the choice of that scenario, the PV table,
// energy-1 / city-4 with 未录入, the parameter form's own check and the server's 422 detail. Not wired into Maven.
import { assert, assertEqual, isolatedContext, launch, option, runAndExit } from './harness.mjs';

const base = option('base', 'http://localhost:4179').replace(/\/$/, '');
const NB = '\u00a0';

// ---- fixtures
const sc = { id: 5, name: '试验情景', description: null, year: 2030, author: 'admin', shared: false, countAsDone: {}, countAsDoneUpToYear: null,
  projects: {}, drafts: 0, conflicts: 0, version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', updatedBy: 'admin', canEdit: true };
const unit = { unit: 'street', code: 'S1', name: '张贵庄街道', zoneType: null, bbox: [117.3, 39.05, 117.35, 39.1], areaM2: 1e7, blueGreenM2: 1e6,
  blueGreenShare: 0.1, forestM2: 5e5, forestCover: 0.05, forestStockM3: 0, targets: [] };
const answer = { unit: 'street', code: 'S1', name: '张贵庄街道', indicator: 'blueGreenShare', scenario: null, target: 0.35, targetYear: 2030,
  targetFrom: 'plan', areaM2: 1e7, haveM2: 1e6, gapM2: 20000, candidateCount: 2,
  candidates: [{ rank: 1, layer: 'land_cover', id: 11, class: 'bare', featureAreaM2: 15000, addedM2: 15000, inClosingSet: true, marginalM2: 15000, bbox: [117.31, 39.06, 117.312, 39.062] },
    { rank: 2, layer: 'land_cover', id: 12, class: 'bare', featureAreaM2: 10000, addedM2: 10000, inClosingSet: true, marginalM2: 10000, bbox: [117.32, 39.06, 117.322, 39.062] }],
  closingSet: { method: 'greedy', ids: [{ layer: 'land_cover', id: 11 }, { layer: 'land_cover', id: 12 }], count: 2, addedM2: 25000, closesGap: true, remainingGapM2: 0 } };
const sq = (x) => ({ type: 'Polygon', coordinates: [[[x, 39.06], [x + 0.002, 39.06], [x + 0.002, 39.062], [x, 39.062], [x, 39.06]]] });
const geo = { type: 'FeatureCollection', features: [
  { type: 'Feature', id: 'land_cover.11', geometry: sq(117.31), properties: { rank: 1, layer: 'land_cover', id: 11, class: 'bare', addedM2: 15000, inClosingSet: true } },
  { type: 'Feature', id: 'land_cover.12', geometry: sq(117.32), properties: { rank: 2, layer: 'land_cover', id: 12, class: 'bare', addedM2: 10000, inClosingSet: false } }] };
const row = { unit: 'street', code: 'S1', name: '张贵庄街道', eligibleRoofs: 100, installedRoofs: 10, roofsWithoutPv: 90, installedKwp: 500, installedKwpRecorded: 300,
  installedKwpModelled: 200, installedKwhPerYear: 600000, installedCo2TPerYear: 340, potentialKwp: 12000, potentialKwhPerYear: 14400000, co2AvoidedTPerYear: 8200,
  allRoofs: { roofs: 120, roofsWithoutPv: 110, installedKwp: 500, potentialKwp: 14000, potentialKwhPerYear: 1.6e7, co2AvoidedTPerYear: 9000 },
  toTarget: { byCount: { roofs: 40, addedKwp: 3000, reachable: true }, byArea: { roofs: 25, addedKwp: 3000, reachable: true } } };
const params = [{ key: 'kwhPerKwp', value: 1200, unit: 'kWh/kWp', nameZh: '年等效利用小时', nameEn: 'Yield', source: 'NREL', min: 500, max: 2000, optional: false, updatedBy: null, updatedAt: null },
  { key: 'generationCapacityKw', value: null, unit: 'kW', nameZh: '全区发电装机', nameEn: 'District capacity', source: null, min: 0, max: null, optional: true, updatedBy: null, updatedAt: null }];
const pv = { unit: 'streets', scenario: null, parameters: params, target: 0.5, rows: [row], energy: [
  { id: 'energy-1', text: { zh: '清洁能源发电装机', en: 'Clean capacity' }, target: '≥ 50 万千瓦', entered: null, figures: { basis: 'x', installedKw: 500, potentialKw: 14500, shareOfCapacityNow: null, shareOfCapacityAtPotential: null } },
  { id: 'city-4', text: { zh: '城市建筑可再生能源替代率', en: 'Renewables in buildings' }, target: '8%', entered: { year: 2025, value: '6%', note: null }, figures: { basis: 'x', shareOfBuildingEnergyNow: 0.012, shareOfBuildingEnergyAtPotential: 0.2 } }] };
const posted = [];
const json = (route, body, status = 200) => route.fulfill({
  status, contentType: status >= 400 ? 'application/problem+json' : 'application/json', body: JSON.stringify(body) });

/** Answers the API from the fixtures; anything else goes on to the isolated context's handler. */
async function api(route) {
  const u = new URL(route.request().url());
  const p = u.pathname;
  if (u.origin !== new URL(base).origin || !p.startsWith('/api/')) return route.fallback();
  if (p === '/api/session') return json(route, { authenticated: true, username: 'admin', roles: ['ADMIN'], layers: null, street: null, canWrite: {} });
  if (p === '/api/config') return json(route, { tianditu: { key: null }, geoserver: { url: null, workspace: null }, minZoom: {} });
  if (p === '/api/metrics') return json(route, [unit]);
  if (p === '/api/scenarios') return json(route, [sc]);
  if (p === '/api/scenarios/5') return json(route, sc);
  if (p === '/api/candidates') return json(route, { ...answer, scenario: u.searchParams.get('scenario') ? sc : null });
  if (p === '/api/candidates.geojson') return json(route, geo);
  if (p === '/api/candidates/drafts') {
    posted.push(route.request().postDataJSON());
    return json(route, { scenario: sc, drafts: [{ layer: 'land_cover', id: 1, liveId: 11, op: 'update' }, { layer: 'land_cover', id: 2, liveId: 12, op: 'update' }] }, 201);
  }
  if (p === '/api/pv/potential') return json(route, pv);
  if (p.startsWith('/api/pv/parameters/')) return json(route, { type: 'about:blank', title: 'Invalid PV parameter', status: 422, detail: '数值超出范围（服务器）' }, 422);
  if (p.includes('/features') || p.endsWith('.geojson')) return json(route, { type: 'FeatureCollection', features: [] });
  return json(route, []);
}

const browser = await launch();
const context = await isolatedContext(browser, base);
await context.route('**/*', api);
const page = await context.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
const text = async (sel) => (await page.textContent(sel))?.trim();

await runAndExit([
  ['差距与候选: gap, target, closing set, table, exports and the map layer', async () => {
    await page.goto(`${base}/#tab=scenario&scv=gap`);
    await page.waitForSelector('[data-testid=where-unit] option[value="street:S1"]', { state: 'attached', timeout: 15000 });
    await page.selectOption('[data-testid=where-unit]', 'street:S1');
    await page.waitForSelector('[data-testid=where-closing]');
    assertEqual(await text('[data-testid=where-gap-text]'), `缺口 2.00${NB}公顷\u200b（30${NB}亩）`, 'gap');
    assertEqual(await text('[data-testid=where-closing]'), `2 处候选地块新增 2.50${NB}公顷，可补齐缺口`, 'closing set');
    assert((await text('[data-testid=where-summary]')).includes('本单元规划目标'), 'target from the plan');
    assertEqual(await page.locator('[data-testid=where-candidates] tbody tr').count(), 2, 'ranked rows');
    assertEqual(await page.getAttribute('[data-testid=where-xlsx]', 'href'), '/api/candidates.xlsx?unit=street&code=S1&indicator=blueGreenShare');
    assertEqual(await page.evaluate(() => document.querySelectorAll('.leaflet-cm-where-candidates-pane canvas, .leaflet-cm-where-candidates-pane path').length) > 0, true, 'candidates on the map');
    await page.waitForFunction(() => document.querySelector('.leaflet-control-container')?.textContent?.includes('补齐集合'), null, { timeout: 5000 });
  }],
  ['加入情景 posts the closing set to the scenario and chooses it', async () => {
    await page.selectOption('[data-testid=where-target-scenario]', '5');
    await page.click('[data-action=candidates-to-scenario]');
    await page.waitForFunction(() => location.hash.includes('scenario=5'), null, { timeout: 5000 });
    assertEqual(JSON.stringify(posted), JSON.stringify([{ unit: 'street', code: 'S1', indicator: 'blueGreenShare', scenario: 5 }]), 'request');
    await page.waitForFunction(() => document.querySelector('[data-testid=where-gap]')?.textContent?.includes('试验情景'), null, { timeout: 5000 });
    assertEqual(await page.getAttribute('[data-testid=where-xlsx]', 'href'), '/api/candidates.xlsx?unit=street&code=S1&indicator=blueGreenShare&scenario=5', 'scenario in the links');
  }],
  ['加入情景 to a new scenario asks for its name, then sends name and year', async () => {
    await page.selectOption('[data-testid=where-target-scenario]', 'new');
    await page.fill('[data-testid=where-new-name]', '');
    await page.click('[data-action=candidates-to-scenario]');
    assertEqual(await text('.cm-where-to-scenario .cm-form-error'), '请填写情景名称', 'name missing');
    assertEqual(posted.length, 1, 'nothing sent without a name');
    await page.fill('[data-testid=where-new-name]', '候选补绿');
    await page.fill('[data-testid=where-new-year]', '2035');
    await page.click('[data-action=candidates-to-scenario]');
    await page.waitForFunction(() => document.body.dataset.scenarioCommitted !== undefined, null, { timeout: 5000 });
    assertEqual(JSON.stringify(posted[1]), JSON.stringify({ unit: 'street', code: 'S1', indicator: 'blueGreenShare',
      newScenario: { name: '候选补绿', year: 2035 } }), 'new scenario request');
  }],
  ['光伏潜力: the table, energy-1 and city-4, the parameters', async () => {
    await page.click('.cm-subtabs button[data-view=pv]');
    await page.waitForSelector('[data-testid=pv-table] tbody tr');
    await page.waitForFunction(() => !document.querySelector('.leaflet-control-container')?.textContent?.includes('补齐集合'), null, { timeout: 5000 });
    const cells = await page.locator('[data-testid=pv-table] tbody tr td').allTextContents();
    assertEqual(JSON.stringify(cells), JSON.stringify(['张贵庄街道', `500${NB}kWp`, `12.00${NB}MWp`, `600,000${NB}kWh`, `14,400.0${NB}MWh`,
      `8,200${NB}tCO₂`, '90', '40', '25']), 'PV row');
    const energy = await text('[data-testid=pv-energy]');
    assert(energy.includes('现状占比: 未录入'), 'energy-1 without the district capacity: 未录入');
    assert(energy.includes('现状占比: 1.2%'), 'city-4 share');
    await page.fill('input[data-param=kwhPerKwp]', '5000');
    await page.click('tr[data-key=kwhPerKwp] [data-action=save-pv-parameter]');
    assertEqual(await text('tr[data-key=kwhPerKwp] .cm-form-error'), '数值应在 500 至 2000 之间', 'checked before sending');
    await page.fill('input[data-param=kwhPerKwp]', '1300');
    await page.click('tr[data-key=kwhPerKwp] [data-action=save-pv-parameter]');
    await page.waitForFunction(() => document.querySelector('tr[data-key=kwhPerKwp] .cm-form-error')?.textContent?.includes('服务器'), null, { timeout: 5000 });
    assertEqual(errors.length, 0, `page errors: ${errors.join('; ')}`);
  }],
], browser, [context]);
