// CarbonMap's survey tab in a real browser (issue 7), against a real server with the Dongli sample data (seasons
// 2023 and 2024 frozen, 2025 open on the live plots):
//   node web/e2e/survey.mjs --base http://127.0.0.1:18120 [--password <admin password>] [--only text]
// The admin password also comes from CARBONMAP_ADMIN_PASSWORD. The tests create their own accounts, save plots,
// change a carbon parameter (and put it back) and, last, close the open season: run them on a fresh data directory
// (the JUnit wrapper does). Screenshots at tablet sizes go to web/e2e/screenshots/survey-*.png.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, assertEqual, ensureDir, isolatedContext, launch, option, runAndExit } from './harness.mjs';

const base = option('base', 'http://127.0.0.1:8080').replace(/\/$/, '');
const password = option('password', process.env.CARBONMAP_ADMIN_PASSWORD ?? '');
const shots = ensureDir(option('screenshots', join(dirname(fileURLToPath(import.meta.url)), 'screenshots')));
const run = Date.now().toString(36).slice(-5);

const LANDSCAPE = { width: 1024, height: 768 };
const PORTRAIT = { width: 768, height: 1024 };

// ---- the API, as a script uses it (HTTP Basic)
const basic = (user, pass) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
async function call(method, path, body, auth = basic('admin', password)) {
  const r = await fetch(base + path, {
    method, headers: { Authorization: auth, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  return { status: r.status, etag: r.headers.get('ETag'), body: text ? JSON.parse(text) : null };
}
async function getJson(path) {
  const r = await fetch(base + path);
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json();
}
async function createAccount(username, pass, roles, street = null) {
  const r = await call('POST', '/api/accounts', { username, password: pass, roles, layers: null, street });
  assertEqual(r.status, 201, `creating account ${username}: ${JSON.stringify(r.body)}`);
  return { username, password: pass };
}
const zhNumber = (v, d = 0) => v.toLocaleString('zh-CN', { minimumFractionDigits: d, maximumFractionDigits: d });

// ---- the browser
const browser = await launch();
const contexts = [];

/** A page at a tablet's size; `touch` makes it a touch screen (taps, no mouse hover). */
async function openPage(hash, viewport = LANDSCAPE, touch = false, before = async () => undefined) {
  const context = await isolatedContext(browser, base, viewport, touch ? { hasTouch: true } : {});
  contexts.push(context);
  const page = await context.newPage();
  await before(page);
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('dialog', (d) => { page.errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(`${base}/${hash}`);
  await page.waitForSelector('body[data-ready=true]', { timeout: 30000 });
  return page;
}
const shot = (page, name) => page.screenshot({ path: join(shots, `survey-${name}.png`) });
const hashParams = (page) => page.evaluate(() => Object.fromEntries(new URLSearchParams(location.hash.slice(1))));

async function signIn(page, account) {
  await page.click('#cm-login');
  await page.fill('#cm-login-username', account.username);
  await page.fill('#cm-login-password', account.password);
  await page.click('#cm-login-submit');
  await page.waitForSelector('#cm-user-button', { timeout: 10000 });
}

/** Nothing sticks out of the side panel sideways, and the panel lies inside the window. */
async function checkFits(page, viewport) {
  const r = await page.evaluate(() => {
    const panel = document.querySelector('.cm-panel').getBoundingClientRect();
    const section = document.querySelector('.cm-survey-panel');
    const map = document.querySelector('#map').getBoundingClientRect();
    return { panel: { x: panel.x, y: panel.y, w: panel.width, h: panel.height }, map: { w: map.width, h: map.height },
      overflow: section.scrollWidth - section.clientWidth };
  });
  assert(r.overflow <= 1, `the survey panel scrolls sideways by ${r.overflow} px`);
  assert(r.panel.x >= 0 && r.panel.x + r.panel.w <= viewport.width + 1 && r.panel.y + r.panel.h <= viewport.height + 1,
    `panel ${JSON.stringify(r.panel)} outside ${JSON.stringify(viewport)}`);
  assert(r.map.w >= 300 && r.map.h >= 300, `the map keeps room: ${JSON.stringify(r.map)}`);
}

const district = async () => (await getJson('/api/metrics?unit=district')).find((u) => u.unit === 'district');

const tests = [
  ['the season selector shows a frozen season\'s figures on the cards and comes back to now', async () => {
    const page = await openPage('#tab=indicators');
    const card = page.locator('.cm-card[data-unit=barrier][data-indicator=forestStockM3] [data-testid=card-value]');
    await card.waitFor();
    const now = (await getJson('/api/metrics?unit=barrier')).find((u) => u.unit === 'barrier');
    const then = (await getJson('/api/metrics?unit=barrier&season=2023')).find((u) => u.unit === 'barrier');
    const stockNow = now.targets.find((t) => t.indicator === 'forestStockM3').value;
    const stock2023 = then.targets.find((t) => t.indicator === 'forestStockM3').value;
    assert(stock2023 < stockNow, `the 2023 stock ${stock2023} is below today's ${stockNow}`);
    assertEqual(await card.textContent(), `${zhNumber(stockNow)} m³`, 'card now');

    const select = page.locator('.cm-dashboard [data-testid=season-select]');
    const options = await select.locator('option').allTextContents();
    assertEqual(options.join('|'), '现状（2025年秋季调查·工作副本）|2024年秋季调查（已冻结）|2023年秋季调查（已冻结）', 'seasons offered');
    const asked = page.waitForRequest((r) => r.url().includes('/api/metrics') && r.url().includes('season=2023'));
    await select.selectOption('2023');
    await asked;
    await page.waitForFunction((text) => document.querySelector(
      '.cm-card[data-unit=barrier][data-indicator=forestStockM3] [data-testid=card-value]')?.textContent === text, `${zhNumber(stock2023)} m³`);
    assertEqual((await hashParams(page)).season, '2023', 'the season is in the URL');
    assert((await page.locator('.cm-dashboard .cm-season-note').textContent()).includes('2023年秋季调查'), 'the note names the season');

    // the thematic map follows the season too: reload with the link, the 2023 figures come back
    const again = await openPage(await page.evaluate(() => location.hash));
    await again.waitForFunction((text) => document.querySelector(
      '.cm-card[data-unit=barrier][data-indicator=forestStockM3] [data-testid=card-value]')?.textContent === text, `${zhNumber(stock2023)} m³`);
    await again.locator('.cm-dashboard [data-testid=season-select]').selectOption('');
    await again.waitForFunction((text) => document.querySelector(
      '.cm-card[data-unit=barrier][data-indicator=forestStockM3] [data-testid=card-value]')?.textContent === text, `${zhNumber(stockNow)} m³`);
    assertEqual((await hashParams(again)).season, undefined, 'now is the default: no season in the URL');
    assertEqual(page.errors.concat(again.errors).join('; '), '', 'page errors');
  }],

  ['the district\'s time series has the three seeded points, and its PDF and xlsx reports download', async () => {
    const page = await openPage('#tab=survey', LANDSCAPE);
    const rows = page.locator('[data-testid=series-table] tbody tr');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=series-table] tbody tr').length > 0);
    const d = await district();
    const series = await getJson(`/api/seasons/series?unit=district&code=${encodeURIComponent(d.code)}`);
    assertEqual(series.length, 3, 'points of the API');
    assertEqual(await rows.count(), 3, 'rows of the table');
    assertEqual((await rows.locator('th').allTextContents()).join(','), '2023,2024,现状', 'seasons of the table');
    for (let i = 0; i < 3; i++) {
      const cells = await rows.nth(i).locator('td').allTextContents();
      assertEqual(cells[1], zhNumber(series[i].forestStockM3), `stock of ${series[i].season}`);
      assertEqual(cells[2], zhNumber(series[i].carbonT), `carbon of ${series[i].season}`);
      assertEqual(cells[3], series[i].sequestrationTPerYear === null ? '—' : zhNumber(series[i].sequestrationTPerYear, 1),
        `sequestration of ${series[i].season}`);
    }
    await page.waitForSelector('[data-testid=series-chart][data-points="3"] canvas');
    await checkFits(page, LANDSCAPE);
    await shot(page, 'trend-1024x768');

    for (const [format, magic] of [['pdf', '%PDF'], ['xlsx', 'PK']]) {
      const download = page.waitForEvent('download');
      await page.click(`[data-testid=reports] a[data-format=${format}]`);
      const file = await (await download).path();
      const head = readFileSync(file).subarray(0, magic.length).toString('latin1');
      assertEqual(head, magic, `the ${format} report's first bytes`);
    }
    assertEqual(page.errors.join('; '), '', 'page errors');
  }],

  ['the change from 2023 to 2024 is drawn on the map, with areas per street and the plots beyond the threshold', async () => {
    const page = await openPage('#tab=survey&sv=change', PORTRAIT, true);
    await page.waitForSelector('[data-testid=change-summary]');
    const change = await getJson('/api/seasons/change?from=2023&to=2024&unit=streets');
    assertEqual(await page.locator('path.cm-change-gained').count(), change.gained.features.length, 'gained polygons on the map');
    assertEqual(await page.locator('path.cm-change-lost').count(), change.lost.features.length, 'lost polygons on the map');
    assert(change.gained.features.length > 0 && change.lost.features.length > 0, 'the sample has both');
    const rows = page.locator('[data-testid=change-units] tbody tr');
    assertEqual(await rows.count(), change.units.length, 'a row per street');
    const first = change.units[0];
    assertEqual(await rows.nth(0).locator('td').nth(0).textContent(), zhNumber(first.gainedM2 / 10000, 2), `${first.name} gained ha`);
    assertEqual(await page.locator('[data-testid=changed-plots] tbody tr').count(), change.changedPlots.length, 'plots at the server\'s threshold');

    // a stricter threshold: only stock changes of 50 % or more (and canopy changes of 0.1 or more) stay
    await page.fill('#cm-stock-threshold', '50');
    await page.locator('#cm-stock-threshold').dispatchEvent('change');
    const strict = change.changedPlots.filter((p) => p.stockFrom === null || p.stockTo === null
      || (p.stockFrom > 0 && Math.abs(p.stockTo - p.stockFrom) / p.stockFrom >= 0.5 - 1e-9)
      || (p.canopyFrom !== null && p.canopyTo !== null && Math.abs(p.canopyTo - p.canopyFrom) >= 0.1 - 1e-9));
    assert(strict.length < change.changedPlots.length, `the stricter list is shorter: ${strict.length}`);
    assertEqual(await page.locator('[data-testid=changed-plots] tbody tr').count(), strict.length, 'plots at 50 %');
    const legend = await page.locator('.cm-map-legend').textContent();
    assert(legend.includes('新增森林') && legend.includes('减少森林'), `legend: ${legend}`);
    await checkFits(page, PORTRAIT);
    await shot(page, 'change-768x1024');
    assertEqual(page.errors.join('; '), '', 'page errors');
  }],

  ['the carbon parameters show their sources; a viewer only reads them, an admin\'s change is checked by the server', async () => {
    const before = await getJson('/api/carbon/parameters');
    const poplar = before.find((p) => p.species === 'poplar');
    const page = await openPage('#tab=survey&sv=carbon', LANDSCAPE);
    await page.waitForSelector('[data-testid=carbon-table] tbody tr[data-species=poplar]');
    assertEqual(await page.locator('[data-testid=carbon-table] tr[data-species]').count(), before.length, 'a row per species');
    const text = await page.locator('[data-testid=carbon-table]').textContent();
    assert(text.includes(poplar.source), 'poplar\'s source is shown');
    assertEqual(await page.locator('[data-action=edit-parameter]').count(), 0, 'no edit button for an anonymous reader');

    await signIn(page, { username: 'admin', password });
    await page.click('tr[data-species=poplar] [data-action=edit-parameter]');
    await page.fill('.cm-parameter-form [name=woodDensity]', '5');
    await page.click('[data-action=save-parameter]');
    const error = page.locator('.cm-parameter-dialog .cm-field-error');
    await error.waitFor();
    assert((await error.textContent()).length > 5, 'the server says why');
    assertEqual((await getJson('/api/carbon/parameters')).find((p) => p.species === 'poplar').woodDensity, poplar.woodDensity, 'nothing saved');

    await page.fill('.cm-parameter-form [name=woodDensity]', '0.4');
    await page.click('[data-action=save-parameter]');
    await page.waitForSelector('.cm-parameter-dialog', { state: 'detached' });
    assertEqual((await getJson('/api/carbon/parameters')).find((p) => p.species === 'poplar').woodDensity, 0.4, 'saved');
    const perM3 = 0.4 * poplar.bef * (1 + poplar.rootShoot) * poplar.carbonFraction;
    assertEqual(await page.locator('tr[data-species=poplar] td').nth(4).textContent(), zhNumber(perM3, 4), 't C per m³ follows');
    await shot(page, 'carbon-1024x768');
    // put it back for the other tests
    const r = await call('PUT', '/api/carbon/parameters/poplar', { ...poplar });
    assertEqual(r.status, 200, `restoring poplar: ${JSON.stringify(r.body)}`);
    assertEqual(page.errors.join('; '), '', 'page errors');
  }],

  ['a surveyor on a tablet filters the plots, is told the server\'s verdict, saves and marks a plot; the street\'s progress moves', async () => {
    const surveyor = await createAccount(`surveyor-${run}`, 'survey-pass-123', ['SURVEYOR']);
    const page = await openPage('#tab=survey&sv=field', PORTRAIT, true);
    await signIn(page, surveyor);
    await page.waitForSelector('[data-testid=survey-progress]');
    const progress = await getJson('/api/seasons/2025/progress');
    assertEqual(await page.locator('[data-testid=progress-total]').textContent(),
      `已调查 ${progress.surveyed} / ${progress.plots}（${zhNumber(100 * progress.surveyed / progress.plots, 1)}%）`, 'total progress');
    const pending = await getJson('/api/seasons/2025/plots?state=pending');
    assertEqual(await page.locator('[data-testid=plot-list] .cm-plot-row').count(), pending.length, 'the pending plots are listed');
    const rowBox = await page.locator('[data-testid=plot-list] .cm-plot-row').first().boundingBox();
    assert(rowBox.height >= 44, `a row is big enough for a finger: ${rowBox.height}px`);
    await checkFits(page, PORTRAIT);
    await shot(page, 'field-list-768x1024');

    // the street with the most plots to do, by a tap on its progress row
    const street = progress.streets.filter((s) => s.plots > 0).sort((a, b) => (b.plots - b.surveyed) - (a.plots - a.surveyed))[0];
    await page.tap(`.cm-street-row[data-street="${street.code}"]`);
    const inStreet = pending.filter((p) => p.street === street.code).sort((a, b) => a.plot_code.localeCompare(b.plot_code));
    assertEqual(await page.locator('[data-testid=plot-list] .cm-plot-row').count(), inStreet.length, `pending plots of ${street.name}`);
    const plot = inStreet[0];
    await page.tap(`.cm-plot-row[data-id="${plot.id}"]`);
    await page.waitForSelector('[data-testid=plot-view] #cm-attr-stock_m3');
    assert(await page.locator('#cm-attr-plot_code').isDisabled(), 'the plot code is not the surveyor\'s to change');
    assertEqual(await page.locator('#cm-attr-survey_date').inputValue(), new Date().toISOString().slice(0, 10), 'today proposed as survey date');

    // the browser checks what it knows...
    await page.fill('#cm-attr-canopy_closure', '1.5');
    await page.tap('[data-action=save-mark]');
    await page.waitForSelector('.cm-attr[data-attr=canopy_closure].cm-invalid');
    // ...and the server has the last word: with a client whose schema allows 1.5 (an old page, say), the server's
    // problem JSON is what the surveyor reads under the field
    const lenient = await openPage('#tab=survey&sv=field', PORTRAIT, true, (p) => p.route('**/api/layers', async (route) => {
      const response = await route.fetch();
      const layers = await response.json();
      layers.find((l) => l.name === 'forest_plots').attributes.find((a) => a.name === 'canopy_closure').max = 5;
      await route.fulfill({ response, json: layers });
    }));
    await signIn(lenient, surveyor);
    await lenient.waitForSelector('[data-testid=plot-list]');
    await lenient.selectOption('#cm-survey-street', street.code);
    await lenient.tap(`.cm-plot-row[data-id="${plot.id}"]`);
    await lenient.waitForSelector('[data-testid=plot-view] #cm-attr-canopy_closure:not([disabled])');
    await lenient.fill('#cm-attr-canopy_closure', '1.5');
    await lenient.tap('[data-action=save-mark]');
    const serverError = lenient.locator('.cm-field-error[data-for=canopy_closure]');
    await serverError.waitFor();
    const said = await serverError.textContent();
    assert(said.startsWith('服务器：') && said.includes('canopy_closure'), `the server's reason under the field: ${said}`);
    await shot(lenient, 'field-server-verdict-768x1024');
    assertEqual((await getJson('/api/seasons/2025/plots?state=surveyed')).some((p) => p.id === plot.id), false, 'not marked after a refusal');

    // a valid survey: saved as a new version and marked surveyed
    const stock = Math.round((plot.stock_m3 ?? 0) * 1.07 * 10) / 10;
    await page.fill('#cm-attr-canopy_closure', '0.55');
    await page.fill('#cm-attr-stock_m3', String(stock));
    await page.tap('[data-action=save-mark]');
    await page.waitForSelector('[data-testid=survey-message].cm-survey-info');
    await page.waitForFunction(() => document.querySelector('[data-testid=plot-state]')?.classList.contains('cm-badge-done'));
    // who saved and marked it: for signed-in staff (the admin here); anonymous readers see no names (issue 17)
    const saved = await call('GET', `/api/layers/forest_plots/features/${plot.id}`, null);
    assertEqual(saved.body.properties.stock_m3, stock, 'stock saved');
    assertEqual(saved.body.properties.canopy_closure, 0.55, 'canopy saved');
    assertEqual(saved.body.meta.updatedBy, surveyor.username, 'saved by the surveyor');
    const marked = (await call('GET', '/api/seasons/2025/plots?state=surveyed', null)).body.find((p) => p.id === plot.id);
    assertEqual(marked?.surveyedBy, surveyor.username, 'marked surveyed by the surveyor');
    const seenAnonymously = (await getJson('/api/seasons/2025/plots?state=surveyed')).find((p) => p.id === plot.id);
    assertEqual(seenAnonymously?.surveyedBy, null, 'no account name for anonymous readers');
    await shot(page, 'field-form-768x1024');

    await page.tap('[data-action=back]');
    const row = page.locator(`.cm-street-row[data-street="${street.code}"] .cm-street-count`);
    await page.waitForFunction(([code, text]) => document.querySelector(`.cm-street-row[data-street="${code}"] .cm-street-count`)?.textContent === text,
      [street.code, `${street.surveyed + 1}/${street.plots}`]);
    assertEqual(await row.textContent(), `${street.surveyed + 1}/${street.plots}`, `${street.name}'s progress`);

    // a second plot with nothing to change: only marked
    const other = inStreet[1];
    await page.tap(`.cm-plot-row[data-id="${other.id}"]`);
    await page.waitForSelector('[data-action=mark]');
    const versionBefore = (await call('GET', `/api/layers/forest_plots/features/${other.id}`, null, '')).body.meta.version;
    await page.tap('[data-action=mark]');
    await page.waitForFunction(() => document.querySelector('[data-testid=plot-state]')?.classList.contains('cm-badge-done'));
    assertEqual((await call('GET', `/api/layers/forest_plots/features/${other.id}`, null, '')).body.meta.version, versionBefore, 'marking alone writes no version');
    assertEqual((await getJson('/api/seasons/2025/progress')).surveyed, progress.surveyed + 2, 'two more surveyed');
    assertEqual(page.errors.concat(lenient.errors).join('; '), '', 'page errors');
  }],

  ['the fieldwork view at 1024×768 lays out the list beside the map', async () => {
    const page = await openPage('#tab=survey&sv=field', LANDSCAPE, true);
    await page.waitForSelector('[data-testid=plot-list]');
    await checkFits(page, LANDSCAPE);
    const map = await page.locator('#map').boundingBox();
    const panel = await page.locator('.cm-panel').boundingBox();
    assert(panel.x >= map.x + map.width - 1, 'the panel is beside the map');
    assertEqual(await page.locator('[data-action=save-mark]').count(), 0, 'no form for an anonymous reader');
    await shot(page, 'field-list-1024x768');
  }],

  ['an admin closes the working copy: the season is frozen, marks are refused, and the series gains a point', async () => {
    const page = await openPage('#tab=survey&sv=manage', LANDSCAPE);
    await signIn(page, { username: 'admin', password });
    await page.waitForSelector('[data-action=close-season]');
    await shot(page, 'manage-1024x768');
    await page.click('[data-action=close-season]');
    await page.click('.cm-close-season [data-action=ok]');
    await page.waitForSelector('[data-testid=open-season]');
    const seasons = await getJson('/api/seasons');
    assertEqual(seasons.find((s) => s.code === '2025').state, 'closed', '2025 closed');
    const plots = await getJson('/api/seasons/2025/plots');
    const refused = await call('POST', `/api/seasons/2025/plots/${plots[0].id}/surveyed`);
    assertEqual(refused.status, 409, 'a frozen season cannot be marked');

    // the next season, opened in the form
    await page.fill('[data-testid=open-season] [name=code]', '2026');
    await page.fill('[data-testid=open-season] [name=name]', '2026年秋季调查');
    await page.fill('[data-testid=open-season] [name=surveyDate]', '2026-10-16');
    await page.click('[data-testid=open-season] button[type=submit]');
    await page.waitForSelector('[data-action=close-season]');
    assertEqual((await getJson('/api/seasons')).find((s) => s.code === '2026')?.state, 'open', '2026 open');

    await page.click('.cm-subtabs [data-view=trend]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=series-table] tbody tr').length === 4);
    assertEqual((await page.locator('[data-testid=series-table] tbody th').allTextContents()).join(','), '2023,2024,2025,现状', 'four points');
    assertEqual(page.errors.join('; '), '', 'page errors');
  }],
];

await runAndExit(tests, browser, contexts);
