// CarbonMap's planning scenarios (规划情景, issue 12) in a real browser at 1440×900, against a real server with the
// Dongli sample data:
//   node web/e2e/scenario.mjs --base http://127.0.0.1:18190 [--password <admin password>] [--only text]
// The admin password also comes from CARBONMAP_ADMIN_PASSWORD. The tests create accounts and scenarios, draw drafts
// and (for the conflict) change one live park's year: run them on a fresh data directory (ScenarioEndToEndTest does).
// They run in order (later ones use the scenarios of earlier ones). Screenshots: web/e2e/screenshots/scenario-*.png.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, assertEqual, ensureDir, isolatedContext, launch, openWatchedPage, option, runAndExit } from './harness.mjs';
import { bboxOf, contains, degrees, emptySquare, screenOf } from './geo.mjs';

const base = option('base', 'http://127.0.0.1:8080').replace(/\/$/, '');
const password = option('password', process.env.CARBONMAP_ADMIN_PASSWORD ?? '');
const shots = ensureDir(option('screenshots', join(dirname(fileURLToPath(import.meta.url)), 'screenshots')));
const run = Date.now().toString(36).slice(-5);
const VIEWPORT = { width: 1440, height: 900 };

// ---- the API, as a script uses it (HTTP Basic)
const basic = (user, pass) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
const ADMIN = () => basic('admin', password);
async function call(method, path, body, auth = ADMIN(), headers = {}) {
  const r = await fetch(base + path, {
    method, headers: { Authorization: auth, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch { parsed = text; }
  return { status: r.status, etag: r.headers.get('ETag'), type: r.headers.get('Content-Type'), body: parsed };
}
async function getJson(path, auth = null) {
  const r = await fetch(base + path, auth ? { headers: { Authorization: auth } } : {});
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json();
}
async function createAccount(username, pass, roles, layers = null) {
  const r = await call('POST', '/api/accounts', { username, password: pass, roles, layers, street: null });
  assertEqual(r.status, 201, `creating account ${username}: ${JSON.stringify(r.body)}`);
  return { username, password: pass };
}
const zhNumber = (v, d = 0) => v.toLocaleString('zh-CN', { minimumFractionDigits: d, maximumFractionDigits: d });
const zhPercent = (share) => `${zhNumber(share * 100, 1)}%`;
/** A target's value on a unit of a metrics answer. */
const targetOf = (metrics, unit, code, indicator) => metrics.find((u) => u.unit === unit && (code === null || u.code === code))
  ?.targets.find((t) => t.indicator === indicator);
const liveBarrier = async () => targetOf(await getJson('/api/metrics?unit=barrier'), 'barrier', null, 'blueGreenShare').value;
const scenarioBarrier = async (id) => targetOf(await getJson(`/api/scenarios/${id}/metrics?unit=barrier`, ADMIN()), 'barrier', null, 'blueGreenShare').value;

// ---- the browser
const browser = await launch();
const contexts = [];

async function openPage(hash = '') {
  const context = await isolatedContext(browser, base, VIEWPORT);
  contexts.push(context);
  return openWatchedPage(context, `${base}/${hash}`);
}
const shot = (page, name) => page.screenshot({ path: join(shots, `scenario-${name}.png`) });
const hashParams = (page) => page.evaluate(() => Object.fromEntries(new URLSearchParams(location.hash.slice(1))));
const noErrors = (...pages) => assertEqual(pages.flatMap((p) => p.errors).join('; '), '', 'page and console errors');

async function signIn(page, account) {
  await page.click('#cm-login');
  await page.fill('#cm-login-username', account.username);
  await page.fill('#cm-login-password', account.password);
  await page.click('#cm-login-submit');
  await page.waitForSelector('#cm-user-button', { timeout: 10000 });
}
const ADMIN_ACCOUNT = () => ({ username: 'admin', password });
/** The scenario tab's section, once it is loaded. */
const tab = (page) => page.locator('section.cm-scenario-panel[data-tab=scenario]');

/** Opens the page at a view and signs in; waits for the scenario tab (and the URL's scenario) to be there. */
async function openSignedIn(account, hash) {
  const page = await openPage(hash);
  await signIn(page, account);
  await page.waitForSelector('.cm-tabs button[data-tab=scenario]');
  const id = new URLSearchParams(hash.replace(/^#/, '')).get('scenario');
  if (id) await page.waitForSelector(`section.cm-scenario-panel[data-scenario="${id}"]`, { timeout: 15000, state: 'attached' });
  return page;
}

/** The value (data-value) of a dashboard card, once the dashboard shows the expected figures. */
async function cardValue(page, unit, indicator) {
  return Number(await page.locator(`.cm-dashboard .cm-card[data-unit="${unit}"][data-indicator="${indicator}"]`).getAttribute('data-value'));
}
/** Waits until a card's value is not `previous` any more, and returns it. */
async function cardChanged(page, unit, indicator, previous) {
  await page.waitForFunction(([u, i, v]) => {
    const el = document.querySelector(`.cm-dashboard .cm-card[data-unit="${u}"][data-indicator="${i}"]`);
    return el && el.getAttribute('data-value') !== v;
  }, [unit, indicator, String(previous)], { timeout: 15000 });
  return cardValue(page, unit, indicator);
}

/** Clicks the vertices of a polygon (lon/lat), then the first one again to finish it. */
async function drawPolygon(page, ring) {
  await tab(page).locator('[data-tool=draw]').click();
  await page.waitForSelector('.cm-draft-editor[data-mode=draw]');
  for (const [lon, lat] of ring) {
    const p = page.px(lon, lat);
    await page.mouse.click(p.x, p.y);
    await page.waitForTimeout(80);
  }
  const first = page.px(...ring[0]);
  await page.mouse.click(first.x, first.y);
  await page.waitForSelector('.cm-draft-editor[data-mode=idle] [data-testid=working-title]');
}
/** A point inside a polygon (sampled on a grid over its box). */
function interiorPoint(g) {
  const [x0, y0, x1, y1] = bboxOf(g);
  for (let n = 2; n < 40; n *= 2) {
    for (let i = 1; i < n; i++) for (let j = 1; j < n; j++) {
      const lon = x0 + ((x1 - x0) * i) / n;
      const lat = y0 + ((y1 - y0) * j) / n;
      if (contains(g, lon, lat)) return { lon, lat };
    }
  }
  throw new Error('no interior point');
}
function square(c, size) {
  const { dLon, dLat } = degrees(size / 2, c.lat);
  return [[-1, -1], [1, -1], [1, 1], [-1, 1]].map(([a, b]) => [c.lon + a * dLon, c.lat + b * dLat]);
}

// ---- the sample district
const zones = (await getJson('/api/layers/zones/features?limit=100')).features;
const levels = zones.filter((z) => z.properties.zone_type === 'control_level');
const gl1 = zones.find((z) => z.properties.code === 'GL-1');
const inBarrier = (lon, lat) => levels.some((z) => contains(z.geometry, lon, lat));

const state = { first: null, second: null, accounts: {} };
/** The scenario of the first test (made through the API when a test runs alone with --only). */
async function firstScenario() {
  if (state.first) return state.first;
  const r = await call('POST', '/api/scenarios', { name: `公园全部建成-${run}`, year: 2025, countAsDone: { parks: ['planned', 'under_construction'], farmland: [] } });
  assertEqual(r.status, 201, `POST /api/scenarios: ${JSON.stringify(r.body)}`);
  state.first = r.body.id;
  return state.first;
}
async function viewer() {
  state.accounts.viewer ??= await createAccount(`viewer-${run}`, 'viewer-pass-0001', ['VIEWER']);
  return state.accounts.viewer;
}

const tests = [
  ['anonymous readers have no 规划情景 tab and the scenario API answers them 401', async () => {
    assert(password, 'the admin password is needed (--password or CARBONMAP_ADMIN_PASSWORD)');
    const page = await openPage('#tab=scenario&scenario=1');
    assertEqual(await page.locator('.cm-tabs button[data-tab=scenario]').count(), 0, 'scenario tab for anonymous readers');
    assertEqual(await page.locator('.cm-tabs button.active').getAttribute('data-tab'), 'layers', 'the tab shown for #tab=scenario');
    assertEqual((await call('GET', '/api/scenarios', null, '')).status, 401, 'GET /api/scenarios anonymously');
    noErrors(page);
  }],

  ['an administrator creates a scenario counting planned and under-construction parks as done', async () => {
    const page = await openSignedIn(ADMIN_ACCOUNT(), '#tab=scenario');
    assertEqual(await page.locator('.cm-tabs button[data-tab=scenario]').textContent(), '规划情景', 'tab label');
    await tab(page).locator('[data-action=new-scenario]').click();
    const dialog = page.locator('.cm-scenario-dialog');
    await dialog.waitFor();
    // the year: 2025 and 2030 offered, any other can be typed
    assertEqual((await dialog.locator('input[name=cm-scenario-year]').evaluateAll((els) => els.map((e) => e.value))).join(','), '2025,2030,other', 'years offered');
    await dialog.locator('[data-action=save-scenario]').click();
    assert((await dialog.locator('[data-testid=scenario-form-errors]').textContent()).includes('名称'), 'a name is required');
    await page.fill('#cm-scenario-name', `公园全部建成-${run}`);
    for (const box of await dialog.locator('input[name=done-farmland]').all()) await box.uncheck();
    assert(await dialog.locator('input[name=done-parks][value=planned]').isChecked(), 'planned parks counted by default');
    assert(await dialog.locator('input[name=done-parks][value=under_construction]').isChecked(), 'parks under construction counted by default');
    await shot(page, 'create');
    await dialog.locator('[data-action=save-scenario]').click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(() => /(^|&)scenario=\d+/.test(location.hash.slice(1)));
    const id = Number((await hashParams(page)).scenario);
    state.first = id;
    await page.waitForSelector(`section.cm-scenario-panel[data-scenario="${id}"]`, { state: 'attached' });
    const s = (await call('GET', `/api/scenarios/${id}`)).body;
    assertEqual(JSON.stringify(s.countAsDone.parks?.sort()), JSON.stringify(['planned', 'under_construction']), 'parks counted as done');
    assertEqual((s.countAsDone.farmland ?? []).length, 0, 'farmland counted as done');
    assertEqual(s.year, 2025, 'year');
    const item = tab(page).locator(`.cm-scenario-item[data-scenario="${id}"]`);
    assert((await item.textContent()).includes('仅自己可见'), 'a new scenario is private');
    assert((await tab(page).locator('[data-testid=scenario-current]').textContent()).includes(`公园全部建成-${run}（2025年）`), 'the current scenario is named');
    await shot(page, 'list');
    noErrors(page);
  }],

  ['the cards show the scenario\'s blue-green share from /api/scenarios/{id}/metrics, with its gap, and it differs from live', async () => {
    const id = await firstScenario();
    const page = await openSignedIn(ADMIN_ACCOUNT(), `#tab=indicators&scenario=${id}`);
    await page.waitForSelector('.cm-dashboard[data-figures=scenario] [data-testid=scenario-banner]');
    const api = await scenarioBarrier(id);
    const live = await liveBarrier();
    assert(api !== live, `the scenario's barrier share ${api} equals the live one`);
    const card = page.locator('.cm-dashboard .cm-card[data-unit=barrier][data-indicator=blueGreenShare]');
    await page.waitForFunction((v) => document.querySelector('.cm-dashboard .cm-card[data-unit=barrier][data-indicator=blueGreenShare]')
      ?.getAttribute('data-value') === v, String(api));
    assertEqual(await card.locator('[data-testid=card-value]').textContent(), zhPercent(api), 'the card shows the scenario\'s value');
    const liveText = await card.locator('[data-testid=card-live]').textContent();
    assert(liveText.startsWith(`现状 ${zhPercent(live)}（`), `the live value beside it: ${liveText}`);
    const gap = targetOf(await getJson(`/api/scenarios/${id}/metrics?unit=barrier`, ADMIN()), 'barrier', null, 'blueGreenShare').gap;
    assert(gap && (gap.missing > 0 || gap.exceeded > 0), `the API's gap ${JSON.stringify(gap)}`);
    const ha = (m2) => zhNumber(m2 / 10_000, m2 / 10_000 < 10 ? 2 : 1);
    const gapText = await card.locator('[data-testid=card-gap]').textContent();
    const mu = (m2) => zhNumber(m2 / (10000 / 15), m2 / (10000 / 15) < 10 ? 1 : 0);
    // the number and its unit never part at a line's end; a line may break before the 亩 in brackets
    assertEqual(gapText, gap.missing > 0 ? `缺口 ${ha(gap.missing)}\u00a0公顷\u200b（${mu(gap.missing)}\u00a0亩）`
      : `超出 ${ha(gap.exceeded)}\u00a0公顷\u200b（${mu(gap.exceeded)}\u00a0亩）`, 'the gap in 公顷 and 亩');
    assert((await page.locator('[data-testid=scenario-banner]').textContent()).includes(`公园全部建成-${run}（2025年）`), 'the banner names the scenario and its year');
    // the thematic map shows the scenario's figures too, and its legend says so
    await page.check('#cm-choropleth');
    await page.waitForFunction(() => [...document.querySelectorAll('.cm-map-legend h4')].some((e) => e.textContent.includes('情景：')));
    // the live dashboard shows gaps too
    await page.click('.cm-dashboard [data-action=back-to-live]');
    await page.waitForSelector('.cm-dashboard[data-figures=live]');
    assertEqual((await hashParams(page)).scenario, undefined, 'back to live: no scenario in the URL');
    await page.waitForFunction((v) => document.querySelector('.cm-dashboard .cm-card[data-unit=barrier][data-indicator=blueGreenShare]')
      ?.getAttribute('data-value') === v, String(live));
    const liveGap = targetOf(await getJson('/api/metrics?unit=barrier'), 'barrier', null, 'blueGreenShare').gap;
    assert(liveGap, 'the live /api/metrics carries gaps');
    assert((await card.locator('[data-testid=card-gap]').textContent()).length > 0, 'the live card shows its gap');
    const again = await openSignedIn(ADMIN_ACCOUNT(), `#tab=indicators&scenario=${id}&choro=1`);
    await again.waitForSelector('.cm-dashboard[data-figures=scenario]');
    await shot(again, 'dashboard');
    noErrors(page, again);
  }],

  ['unticking a counted park changes the scenario\'s figure, and "back to the rule" restores it', async () => {
    const id = await firstScenario();
    const page = await openSignedIn(ADMIN_ACCOUNT(), `#tab=scenario&scenario=${id}&scv=projects`);
    await page.waitForSelector('[data-testid=scenario-projects] tr[data-key]');
    const projects = (await call('GET', `/api/scenarios/${id}/projects?layer=parks`)).body;
    // the largest counted park inside the barrier
    const park = projects.filter((p) => p.done && inBarrier((p.bbox[0] + p.bbox[2]) / 2, (p.bbox[1] + p.bbox[3]) / 2))
      .sort((a, b) => b.areaM2 - a.areaM2)[0];
    assert(park, `no counted park in the barrier among ${projects.length}`);
    await page.click('.cm-tabs button[data-tab=indicators]');
    const before = await cardValue(page, 'barrier', 'blueGreenShare');
    assertEqual(before, await scenarioBarrier(id), 'the card before');
    await page.click('.cm-tabs button[data-tab=scenario]');
    const row = tab(page).locator(`tr[data-key="parks:${park.id}"]`);
    assertEqual(await row.locator('[data-testid=basis]').getAttribute('data-basis'), 'rule', 'counted by the rule');
    await row.locator('input[type=checkbox]').uncheck();
    await page.waitForFunction((k) => document.querySelector(`tr[data-key="${k}"] [data-testid=basis]`)?.getAttribute('data-basis') === 'tick', `parks:${park.id}`);
    await page.click('.cm-tabs button[data-tab=indicators]');
    const after = await cardChanged(page, 'barrier', 'blueGreenShare', before);
    assert(after < before, `unticking ${park.name} lowers the barrier's share: ${before} → ${after}`);
    assertEqual(after, await scenarioBarrier(id), 'the card equals the API after the untick');
    // clicking a project zooms the map to it
    await page.click('.cm-tabs button[data-tab=scenario]');
    const zoomBefore = await page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('z'));
    await row.locator('[data-action=zoom]').click();
    await page.waitForFunction((z) => new URLSearchParams(location.hash.slice(1)).get('z') !== z, zoomBefore);
    await shot(page, 'projects');
    await row.locator('[data-action=rule]').click();
    await page.waitForFunction((k) => document.querySelector(`tr[data-key="${k}"] [data-testid=basis]`)?.getAttribute('data-basis') === 'rule', `parks:${park.id}`);
    assertEqual(await scenarioBarrier(id), before, 'back to the rule: the figure as before');
    // the filters: farmland only, then "up to the scenario's year"
    await page.selectOption('#cm-sp-layer', 'farmland');
    assert(await tab(page).locator('tr[data-key^="parks:"]').count() === 0, 'only farmland listed');
    await page.selectOption('#cm-sp-layer', '');
    await page.selectOption('#cm-sp-year', 'le:2025');
    const years = await tab(page).locator('tr[data-key] td:nth-child(3) small').allTextContents();
    assert(years.length > 0 && years.every((y) => Number(y) <= 2025), `years up to 2025: ${years}`);
    noErrors(page);
  }],

  ['a park drawn in the scenario changes its figures; the live layer and /api/metrics do not change', async () => {
    const id = await firstScenario();
    const liveBefore = await getJson('/api/metrics?unit=all');
    const parksBefore = (await getJson('/api/layers/parks/features?limit=5000')).features.length;
    // an empty square in built-up land of the level-1 zone: not blue-green today
    const [x0, y0, x1, y1] = bboxOf(gl1.geometry);
    const cover = (await getJson(`/api/layers/land_cover/features?limit=5000&bbox=${x0},${y0},${x1},${y1}`)).features;
    const plots = (await getJson('/api/layers/forest_plots/features?limit=10000')).features;
    const parks = (await getJson('/api/layers/parks/features?limit=5000')).features;
    const roofs = (await getJson(`/api/layers/pv_rooftops/features?limit=5000&bbox=${x0},${y0},${x1},${y1}`)).features;
    let c = null;
    for (const f of cover.filter((f) => f.properties.class === 'built')) {
      const candidate = emptySquare(f, [...plots, ...parks, ...roofs], 60);
      if (candidate && contains(gl1.geometry, candidate.lon, candidate.lat)) { c = candidate; break; }
    }
    assert(c, 'no empty built-up square in the level-1 zone');
    const center = [Number(c.lat.toFixed(5)), Number(c.lon.toFixed(5))];
    const page = await openSignedIn(ADMIN_ACCOUNT(), `#tab=scenario&scenario=${id}&scv=drafts&c=${center[0]},${center[1]}&z=17`);
    await page.waitForSelector('.cm-draft-editor [data-tool=draw]');
    assertEqual(await page.locator('#cm-draft-layer').inputValue(), 'parks', 'drafts start on parks');
    const scenarioBefore = await scenarioBarrier(id);
    page.px = screenOf(await page.locator('#map').boundingBox(), center, 17);
    await drawPolygon(page, square(c, 60));
    await page.fill('.cm-draft-editor #cm-attr-name', `情景新公园-${run}`);
    await page.selectOption('.cm-draft-editor #cm-attr-status', 'built');
    await page.fill('.cm-draft-editor #cm-attr-year', '2025');
    const committed = Number(await page.evaluate(() => document.body.dataset.scenarioCommitted ?? 0));
    await tab(page).locator('[data-tool=save]').click();
    const verdict = tab(page).locator('.cm-verdict.verdict-ok, .cm-verdict.verdict-error');
    await verdict.waitFor({ timeout: 20000 });
    assertEqual(await verdict.getAttribute('data-kind'), 'ok', `the draft save: ${await verdict.textContent()}`);
    assert((await verdict.textContent()).includes('现状图层未改变'), 'the verdict says the live layers are unchanged');
    await page.waitForFunction((n) => Number(document.body.dataset.scenarioCommitted ?? 0) > n, committed);
    // drawn distinctly on the map, listed, and in the legend
    await tab(page).locator('[data-tool=cancel]').click();
    await page.waitForSelector('.leaflet-cm-scenario-drafts-pane path.cm-draft-edit');
    await page.waitForSelector('[data-testid=draft-list] li[data-op=create]');
    await page.waitForFunction(() => [...document.querySelectorAll('.cm-map-legend h4')].some((e) => e.textContent.startsWith('情景草稿')));
    await shot(page, 'drafts');
    const scenarioAfter = await scenarioBarrier(id);
    assert(scenarioAfter > scenarioBefore, `the draft park raises the barrier's share: ${scenarioBefore} → ${scenarioAfter}`);
    await page.click('.cm-tabs button[data-tab=indicators]');
    await page.waitForFunction((v) => document.querySelector('.cm-dashboard .cm-card[data-unit=barrier][data-indicator=blueGreenShare]')
      ?.getAttribute('data-value') === v, String(scenarioAfter));
    // nothing of it in the live state
    const liveAfter = await getJson('/api/metrics?unit=all');
    assertEqual(JSON.stringify(liveAfter.map((u) => [u.code, u.blueGreenM2])), JSON.stringify(liveBefore.map((u) => [u.code, u.blueGreenM2])), 'live /api/metrics');
    const liveParks = (await getJson('/api/layers/parks/features?limit=5000')).features;
    assertEqual(liveParks.length, parksBefore, 'live parks');
    assert(!liveParks.some((p) => p.properties.name === `情景新公园-${run}`), 'the draft park is not a live park');
    noErrors(page);
  }],

  ['a live park deleted in the scenario is struck through, not deleted live; discarding the draft brings it back', async () => {
    const id = await firstScenario();
    const parks = (await getJson('/api/layers/parks/features?limit=5000')).features.filter((p) => p.properties.status === 'built');
    const park = parks[parks.length - 1];
    const at = interiorPoint(park.geometry);
    const center = [Number(at.lat.toFixed(5)), Number(at.lon.toFixed(5))];
    const page = await openSignedIn(ADMIN_ACCOUNT(), `#tab=scenario&scenario=${id}&scv=drafts&c=${center[0]},${center[1]}&z=16`);
    await page.waitForSelector('.cm-draft-editor [data-tool=draw]');
    page.px = screenOf(await page.locator('#map').boundingBox(), center, 16);
    await page.waitForTimeout(600); // the parks' drawing is fetched once the map rests
    const p = page.px(at.lon, at.lat);
    await page.mouse.click(p.x, p.y);
    await page.waitForSelector(`.cm-draft-editor[data-live-id="${park.id}"] [data-testid=working-title]`);
    assert((await tab(page).locator('[data-testid=working-basis]').textContent()).startsWith('现状要素'), 'a live feature not drafted yet');
    await tab(page).locator('[data-tool=delete]').click();
    const confirm = page.locator('.cm-confirm.cm-delete');
    await confirm.waitFor();
    assert((await confirm.textContent()).includes('现状图层不受影响'), 'the confirmation says the live layer stays');
    await confirm.locator('[data-action=ok]').click();
    const verdict = tab(page).locator('.cm-verdict.verdict-ok');
    await verdict.waitFor({ timeout: 15000 });
    assert((await verdict.textContent()).includes('已在情景中删除'), `verdict: ${await verdict.textContent()}`);
    const row = tab(page).locator('[data-testid=draft-list] li[data-op=delete]');
    await row.waitFor();
    await page.waitForSelector('.leaflet-cm-scenario-drafts-pane path.cm-draft-delete');
    await shot(page, 'delete');
    assertEqual((await call('GET', `/api/layers/parks/features/${park.id}`)).status, 200, 'the live park is still there');
    // the deleted park opens read only, and "discard the draft" takes it back
    await row.locator('button').click();
    await tab(page).locator('[data-testid=working-notice]').waitFor();
    assert(await tab(page).locator('[data-tool=save]').isDisabled(), 'a deleted feature is not saved');
    await tab(page).locator('[data-tool=discard-draft]').click();
    await page.waitForFunction(() => document.querySelector('.cm-draft-editor .cm-verdict.verdict-ok')?.textContent.includes('草稿已放弃'));
    await row.waitFor({ state: 'detached' });
    assertEqual((await call('GET', `/api/scenarios/${id}/features/parks`)).body.features.filter((d) => d.scenario.liveId === park.id).length, 0, 'no draft of the park left');
    noErrors(page);
  }],

  ['a second scenario (a copy, year 2030) is compared with the first and 现状: table, chart, map, exports', async () => {
    const id = await firstScenario();
    const original = (await call('GET', `/api/scenarios/${id}`)).body;
    const page = await openSignedIn(ADMIN_ACCOUNT(), `#tab=scenario&scenario=${id}`);
    await tab(page).locator(`.cm-scenario-item[data-scenario="${id}"] [data-action=duplicate]`).click();
    const copyDialog = page.locator('.cm-scenario-copy');
    await copyDialog.waitFor();
    await page.fill('#cm-scenario-copy-name', `2030 全部建成-${run}`);
    await copyDialog.locator('[data-action=ok]').click();
    await page.waitForFunction((first) => { const s = new URLSearchParams(location.hash.slice(1)).get('scenario'); return s && s !== first; }, String(id));
    const second = Number((await hashParams(page)).scenario);
    state.second = second;
    await page.waitForSelector(`section.cm-scenario-panel[data-scenario="${second}"]`, { state: 'attached' });
    // its settings: 2030, farmland counted too
    await tab(page).locator(`.cm-scenario-item[data-scenario="${second}"] [data-action=edit-scenario]`).click();
    const dialog = page.locator('.cm-scenario-dialog');
    await dialog.waitFor();
    await dialog.locator('input[name=cm-scenario-year][value="2030"]').check();
    for (const box of await dialog.locator('input[name=done-farmland]').all()) await box.check();
    await dialog.locator('[data-action=save-scenario]').click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelector('[data-testid=scenario-current]')?.textContent.includes('2030年'));
    const copy = (await call('GET', `/api/scenarios/${second}`)).body;
    assertEqual(copy.year, 2030, 'the copy\'s year');
    assertEqual(copy.drafts, original.drafts, 'the copy has the first scenario\'s drafts');
    assertEqual(copy.author, 'admin', 'the copy is the caller\'s');
    assertEqual(copy.shared, false, 'the copy is private');

    await page.click('.cm-subtabs button[data-view=compare]');
    await tab(page).locator('[data-testid=compare]').waitFor();
    for (const s of [id, second]) {
      const box = tab(page).locator(`input[data-compare="${s}"]`);
      if (!(await box.isChecked())) await box.check();
    }
    await page.selectOption('#cm-compare-units', 'barrier');
    const table = tab(page).locator('[data-testid=compare-table]');
    await page.waitForFunction(([a, b]) => {
      const heads = [...document.querySelectorAll('[data-testid=compare-table] thead th[data-col]')].map((th) => th.dataset.col);
      return heads.join(',') === `live,${a},${b}`;
    }, [String(id), String(second)], { timeout: 15000 });
    const heads = await table.locator('thead th[data-col]').allTextContents();
    assert(heads[0].includes('现状') && heads[1].includes(`公园全部建成-${run}`) && heads[2].includes(`2030 全部建成-${run}`), `columns: ${heads}`);
    const cmp = (await call('GET', `/api/metrics/compare?scenarios=live,${id},${second}&unit=barrier`)).body;
    const barrier = cmp.units.find((u) => u.unit === 'barrier');
    const cells = table.locator('tr[data-unit=barrier][data-indicator=blueGreenShare] td');
    assertEqual((await cells.evaluateAll((tds) => tds.map((td) => td.dataset.value))).join(','),
      barrier.figures.map((f) => String(f.blueGreenShare)).join(','), 'the blue-green row equals /api/metrics/compare');
    assert((await table.locator('tr[data-unit=barrier][data-indicator=blueGreenShare] [data-testid=gap]').count()) === 3, 'a gap per column');
    await page.waitForSelector('[data-testid=compare][data-chart=drawn] [data-testid=compare-chart] canvas');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=compare]')?.dataset.changes ?? 0) > 0);
    await page.waitForFunction(() => [...document.querySelectorAll('.cm-map-legend h4')].some((e) => e.textContent === '各情景新增的内容'));
    await shot(page, 'compare');
    await table.locator('tr[data-indicator=farmlandMu]').last().scrollIntoViewIfNeeded();
    await shot(page, 'compare-table');
    for (const [format, type] of [['xlsx', 'spreadsheetml'], ['pdf', 'application/pdf']]) {
      const href = await tab(page).locator(`[data-testid=compare-exports] a[data-format=${format}]`).getAttribute('href');
      assert(href.includes(`scenarios=live,${id},${second}`) && href.includes('unit=barrier'), `export link ${href}`);
      const r = await page.request.get(base + href);
      assertEqual(r.status(), 200, `${format} export`);
      assert((r.headers()['content-type'] ?? '').includes(type), `${format} content type ${r.headers()['content-type']}`);
      assert((await r.body()).length > 100, `${format} export is not empty`);
    }
    assertEqual((await hashParams(page)).cmp, `${id},${second}`, 'the comparison is in the URL');
    noErrors(page);
  }],

  ['a draft whose live park was changed since is flagged and opens the conflict view; keeping it rebases it', async () => {
    const id = await firstScenario();
    const parks = (await getJson('/api/layers/parks/features?limit=5000')).features;
    const park = parks.find((p) => p.properties.status === 'built');
    const live = await call('GET', `/api/layers/parks/features/${park.id}`);
    const v = Number(live.etag.replace(/\D/g, ''));
    const draft = await call('POST', `/api/scenarios/${id}/features/parks?replaces=${park.id}&liveVersion=${v}`,
      { type: 'Feature', geometry: park.geometry, properties: { ...park.properties, name: `${park.properties.name}（情景改名）` } });
    assertEqual(draft.status, 201, `update draft: ${JSON.stringify(draft.body)}`);
    const changed = await call('PUT', `/api/layers/parks/features/${park.id}`,
      { type: 'Feature', geometry: park.geometry, properties: { ...park.properties, year: (park.properties.year ?? 2000) + 1 } }, ADMIN(), { 'If-Match': `"${v}"` });
    assertEqual(changed.status, 200, `live edit: ${JSON.stringify(changed.body)}`);
    assertEqual((await call('GET', `/api/scenarios/${id}`)).body.conflicts, 1, 'the scenario counts the conflict');
    const page = await openSignedIn(ADMIN_ACCOUNT(), `#tab=scenario&scenario=${id}&scv=drafts`);
    await page.waitForSelector('.cm-draft-editor [data-tool=draw]');
    const row = tab(page).locator(`[data-testid=draft-list] li[data-draft="${draft.body.id}"]`);
    await row.locator('[data-testid=draft-conflict]').waitFor();
    assert((await tab(page).locator('[data-testid=draft-conflicts]').textContent()).includes('1 个草稿与现状冲突'), 'the conflicts are counted');
    await row.locator('button').click();
    const dialog = page.locator('.cm-conflict');
    await dialog.waitFor({ timeout: 15000 });
    assertEqual(await dialog.locator('.cm-modal-head h2').textContent(), '草稿冲突：现状要素已被修改', 'the dialog');
    assert((await dialog.locator('tr.cm-differs[data-attr=year]').count()) === 1, 'the live change (year) is marked');
    await shot(page, 'conflict');
    await dialog.locator('[data-action=save]').click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction((d) => !document.querySelector(`[data-testid=draft-list] li[data-draft="${d}"] [data-testid=draft-conflict]`), draft.body.id, { timeout: 15000 });
    const after = (await call('GET', `/api/scenarios/${id}/features/parks/${draft.body.id}`)).body;
    assertEqual(after.scenario.conflict, null, 'the draft is no longer in conflict');
    assertEqual(after.scenario.liveVersion, v + 1, 'it is based on the live version now');
    noErrors(page);
  }],

  ['an editor granted forest plots only drafts in forest plots, not in parks', async () => {
    const editor = await createAccount(`plots-editor-${run}`, 'editor-pass-0001', ['EDITOR'], ['forest_plots']);
    const auth = basic(editor.username, editor.password);
    const mine = await call('POST', '/api/scenarios', { name: `林业情景-${run}`, year: 2030 }, auth);
    assertEqual(mine.status, 201, `the editor creates a scenario: ${JSON.stringify(mine.body)}`);
    const parks = (await getJson('/api/layers/parks/features?limit=1')).features;
    const refused = await call('POST', `/api/scenarios/${mine.body.id}/features/parks`,
      { type: 'Feature', geometry: parks[0].geometry, properties: { name: 'x', status: 'built' } }, auth);
    assertEqual(refused.status, 403, `a park draft by a forest-plots editor: ${JSON.stringify(refused.body)}`);
    const page = await openSignedIn(editor, `#tab=scenario&scenario=${mine.body.id}&scv=drafts`);
    await page.waitForSelector('#cm-draft-layer');
    const options = await page.locator('#cm-draft-layer option').evaluateAll((os) => os.map((o) => o.value));
    assertEqual(options.join(','), 'forest_plots', 'the layers offered for drafts');
    // someone else's scenario is not the editor's to change
    const other = (await call('GET', `/api/scenarios/${await firstScenario()}`, null, auth)).status;
    assert(other === 403 || other === 404, `the admin's private scenario for the editor: ${other}`);
    noErrors(page);
  }],

  ['a viewer reads a shared scenario but has no buttons that change it', async () => {
    const id = await firstScenario();
    const v = await viewer();
    // the admin shares it through the tab
    const admin = await openSignedIn(ADMIN_ACCOUNT(), `#tab=scenario&scenario=${id}`);
    await tab(admin).locator(`.cm-scenario-item[data-scenario="${id}"] [data-action=share]`).click();
    await admin.waitForFunction((s) => document.querySelector(`.cm-scenario-item[data-scenario="${s}"] [data-action=unshare]`), id);
    assertEqual((await call('GET', `/api/scenarios/${id}`)).body.shared, true, 'shared');
    const page = await openSignedIn(v, `#tab=scenario&scenario=${id}`);
    const item = tab(page).locator(`.cm-scenario-item[data-scenario="${id}"]`);
    await item.waitFor();
    assert((await item.textContent()).includes('已共享'), 'the shared badge');
    if (state.second) assertEqual(await tab(page).locator(`.cm-scenario-item[data-scenario="${state.second}"]`).count(), 0, 'the private copy is not listed');
    for (const action of ['new-scenario', 'edit-scenario', 'share', 'unshare', 'duplicate', 'delete-scenario']) {
      assertEqual(await tab(page).locator(`[data-action=${action}]`).count(), 0, `the viewer's ${action} button`);
    }
    await page.click('.cm-subtabs button[data-view=projects]');
    await page.waitForSelector('[data-testid=scenario-projects] tr[data-key]');
    assertEqual(await tab(page).locator('[data-testid=scenario-projects] input[type=checkbox]:not([disabled])').count(), 0, 'enabled tick boxes');
    assertEqual(await tab(page).locator('[data-testid=project-bulk]').count(), 0, 'bulk buttons');
    await page.click('.cm-subtabs button[data-view=drafts]');
    await tab(page).locator('[data-testid=drafts-read-only]').waitFor();
    assertEqual(await tab(page).locator('[data-tool]').count(), 0, 'drafting tools');
    await page.click('.cm-tabs button[data-tab=indicators]');
    await page.waitForSelector('.cm-dashboard[data-figures=scenario]');
    await shot(page, 'viewer');
    noErrors(admin, page);
  }],

  ['the scenario stays in the URL: a reload shows it again; deleting a scenario asks first', async () => {
    const id = await firstScenario();
    const victim = (await call('POST', '/api/scenarios', { name: `要删除的-${run}`, year: 2025 })).body.id;
    const page = await openSignedIn(ADMIN_ACCOUNT(), `#tab=indicators&scenario=${id}`);
    await page.waitForSelector('.cm-dashboard[data-figures=scenario]');
    await page.reload();
    await page.waitForSelector('body[data-ready=true]');
    // the session cookie outlives the reload: the scenario's figures again
    await page.waitForSelector('.cm-dashboard[data-figures=scenario] [data-testid=scenario-banner]', { timeout: 15000 });
    assertEqual((await hashParams(page)).scenario, String(id), 'the scenario in the URL');
    await page.click('.cm-tabs button[data-tab=scenario]');
    await page.click('.cm-subtabs button[data-view=list]');
    await tab(page).locator(`.cm-scenario-item[data-scenario="${victim}"] .cm-scenario-choose`).click();
    await tab(page).locator(`.cm-scenario-item[data-scenario="${victim}"] [data-action=delete-scenario]`).click();
    const confirm = page.locator('.cm-delete-scenario');
    await confirm.waitFor();
    await confirm.locator('[data-action=cancel]').click();
    assertEqual((await call('GET', `/api/scenarios/${victim}`)).status, 200, 'cancelled: still there');
    await tab(page).locator(`.cm-scenario-item[data-scenario="${victim}"] [data-action=delete-scenario]`).click();
    await page.locator('.cm-delete-scenario [data-action=ok]').click();
    await tab(page).locator(`.cm-scenario-item[data-scenario="${victim}"]`).waitFor({ state: 'detached' });
    assertEqual((await call('GET', `/api/scenarios/${victim}`)).status, 404, 'deleted');
    assertEqual((await hashParams(page)).scenario, undefined, 'the deleted scenario left the URL');
    noErrors(page);
  }],

  ['in English the tab and its parts are labelled in English', async () => {
    const id = await firstScenario();
    const page = await openSignedIn(ADMIN_ACCOUNT(), `#tab=scenario&scenario=${id}&lang=en`);
    assertEqual(await page.locator('.cm-tabs button[data-tab=scenario]').textContent(), 'Scenarios', 'tab label');
    assertEqual((await tab(page).locator('.cm-subtabs button').allTextContents()).join('|'), 'Scenarios|Projects|Drafts|Compare|Gaps & sites|PV potential', 'views');
    assertEqual(await tab(page).locator('h2').first().textContent(), 'Planning scenarios', 'heading');
    assert((await tab(page).locator('[data-testid=scenario-current]').textContent()).startsWith('Showing:'), 'the current scenario line');
    assertEqual(await tab(page).locator('[data-action=new-scenario]').textContent(), 'New scenario', 'new scenario button');
    await page.click('.cm-subtabs button[data-view=projects]');
    await page.waitForSelector('[data-testid=scenario-projects] tr[data-key]');
    assert((await tab(page).locator('[data-action=tick-shown]').textContent()) === 'Tick all shown', 'bulk tick');
    const chinese = await tab(page).evaluate((el) => [...el.querySelectorAll('th, button, label > span, legend, h2, h3, p')]
      .map((e) => e.textContent).filter((text) => /[\u4e00-\u9fff]/.test(text) && !/公园|绿地|游园|农田|街道|项目|区|-/.test(text)));
    assertEqual(chinese.join(' | '), '', 'labels left in Chinese (names of places and projects aside)');
    await shot(page, 'english');
    noErrors(page);
  }],
];

await runAndExit(tests, browser, contexts);
