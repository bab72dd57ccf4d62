// CarbonMap's editing in a real browser (issue 5), against a real server with the Dongli sample data:
//   node web/e2e/edit.mjs --base http://127.0.0.1:18120 [--password <admin password>] [--only text]
// The admin password also comes from CARBONMAP_ADMIN_PASSWORD. The tests create their own accounts through the
// admin API and write to the server: run them on a fresh data directory (the JUnit wrapper does).
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, assertEqual, ensureDir, isolatedContext, launch, option, runAndExit } from './harness.mjs';
import { contains, degrees, emptySquare, screenOf } from './geo.mjs';

const base = option('base', 'http://127.0.0.1:8080').replace(/\/$/, '');
const password = option('password', process.env.CARBONMAP_ADMIN_PASSWORD ?? '');
const shots = ensureDir(option('screenshots', join(dirname(fileURLToPath(import.meta.url)), 'screenshots')));
const run = Date.now().toString(36).slice(-5);

// ---- the API, as a script uses it (HTTP Basic)
const basic = (user, pass) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
const ADMIN = () => basic('admin', password);

async function call(method, path, body, auth = ADMIN(), headers = {}) {
  const r = await fetch(base + path, {
    method, headers: { Authorization: auth, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
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
async function createAccount(username, pass, roles, layers = null, street = null) {
  const r = await call('POST', '/api/accounts', { username, password: pass, roles, layers, street });
  assertEqual(r.status, 201, `creating account ${username}: ${JSON.stringify(r.body)}`);
  return { username, password: pass };
}
const plotsCount = async () => (await getJson('/api/layers')).find((l) => l.name === 'forest_plots').featureCount;
const feature = (layer, id) => call('GET', `/api/layers/${layer}/features/${id}`, null, '');
const zhNumber = (v, d = 0) => v.toLocaleString('zh-CN', { minimumFractionDigits: d, maximumFractionDigits: d });
const zhPercent = (share) => `${zhNumber(share * 100, 1)}%`;
const l1ForestCover = async () => (await getJson('/api/metrics?unit=all')).find((u) => u.unit === 'level' && u.code === 'L1')
  .targets.find((t) => t.indicator === 'forestCover').value;

// ---- the browser
const browser = await launch();
const contexts = [];

async function openPage(hash = '') {
  const context = await isolatedContext(browser, base);
  contexts.push(context);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('dialog', (d) => { page.errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(`${base}/${hash}`);
  await page.waitForSelector('body[data-ready=true]', { timeout: 30000 });
  return page;
}
const shot = (page, name) => page.screenshot({ path: join(shots, `edit-${name}.png`) });

async function signIn(page, account) {
  await page.click('#cm-login');
  await page.fill('#cm-login-username', account.username);
  await page.fill('#cm-login-password', account.password);
  await page.click('#cm-login-submit');
  await page.waitForSelector('#cm-user-button', { timeout: 10000 });
}

/** Opens the map at a place, signs in and opens the editing tab on forest plots. */
async function editorAt(account, center, z = 16) {
  const c = [Number(center.lat.toFixed(5)), Number(center.lon.toFixed(5))];
  const page = await openPage(`#c=${c[0]},${c[1]}&z=${z}`);
  await signIn(page, account);
  await page.click('.cm-tabs button[data-tab=edit]');
  await page.waitForSelector('[data-tool=undo]');
  await page.waitForSelector('.cm-edit-panel[data-layer=forest_plots]');
  const box = await page.locator('#map').boundingBox();
  page.px = screenOf(box, c, z);
  return page;
}

/** Clicks the vertices of a polygon (lon/lat), then the first one again to finish it. */
async function drawPolygon(page, ring) {
  await page.click('[data-tool=draw]');
  await page.waitForSelector('.cm-edit-panel[data-mode=draw]');
  for (const [lon, lat] of ring) {
    const p = page.px(lon, lat);
    await page.mouse.click(p.x, p.y);
    await page.waitForTimeout(80);
  }
  const first = page.px(...ring[0]);
  await page.mouse.click(first.x, first.y);
  await page.waitForSelector('.cm-edit-panel[data-mode=idle] [data-testid=working-title]');
}

/** A square of `size` metres around a centre, as lon/lat corners (SW, SE, NE, NW). */
function square(c, size) {
  const { dLon, dLat } = degrees(size / 2, c.lat);
  return [[-1, -1], [1, -1], [1, 1], [-1, 1]].map(([a, b]) => [c.lon + a * dLon, c.lat + b * dLat]);
}

async function fillPlot(page, { code, canopy = '0.6', stock = '1500', species = 'poplar' }) {
  await page.fill('#cm-attr-plot_code', code);
  await page.selectOption('#cm-attr-species', species);
  await page.fill('#cm-attr-canopy_closure', canopy);
  await page.fill('#cm-attr-stock_m3', stock);
}

/** Saves and waits for the verdict; returns its kind and text. */
async function save(page) {
  await page.click('[data-tool=save]');
  const verdict = page.locator('.cm-verdict.verdict-ok, .cm-verdict.verdict-error');
  await verdict.waitFor({ timeout: 20000 });
  return { kind: await verdict.getAttribute('data-kind'), text: await verdict.textContent() };
}

async function dragVertex(page, from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 6 });
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
  await page.waitForTimeout(300);
}

/** Opens a feature in the editor by clicking its centre. */
async function openFeatureAt(page, lon, lat) {
  const p = page.px(lon, lat);
  await page.mouse.click(p.x, p.y);
  await page.waitForSelector('[data-testid=working-title]');
}

const workingId = async (page) => Number(await page.locator('.cm-edit-panel').getAttribute('data-feature-id'));

// ---- the sample district
const zones = (await getJson('/api/layers/zones/features?limit=100')).features;
const gl1 = zones.find((z) => z.properties.code === 'GL-1');
const streets = (await getJson('/api/layers/streets/features?limit=100')).features;
const plots = (await getJson('/api/layers/forest_plots/features?limit=10000')).features;
const taken = [];
function place(zone, size) {
  const c = emptySquare(zone, plots, size, taken);
  assert(c, `no empty ${size} m square in ${zone.properties.name}`);
  const { dLon, dLat } = degrees(size / 2 + 60, c.lat);
  taken.push([c.lon - dLon, c.lat - dLat, c.lon + dLon, c.lat + dLat]);
  return c;
}

const accounts = {};
/** The two editors of the tests, created when first needed (so that `--only` runs a test on its own). */
async function editors() {
  accounts.editor ??= await createAccount(`editor-${run}`, 'editor-pass-0001', ['EDITOR']);
  accounts.editor2 ??= await createAccount(`editor2-${run}`, 'editor-pass-0002', ['EDITOR']);
  return accounts;
}
let plotA = null; // the forest plot drawn by the first test: {id, center}

const tests = [
  ['anonymous readers and viewers see the map but no editing tools', async () => {
    assert(password, 'the admin password is needed (--password or CARBONMAP_ADMIN_PASSWORD)');
    accounts.viewer = await createAccount(`viewer-${run}`, 'viewer-pass-0001', ['VIEWER']);
    const page = await openPage();
    assertEqual(await page.locator('#cm-login').textContent(), '登录', 'sign-in button');
    assertEqual(await page.locator('.cm-tabs button[data-tab=edit]').count(), 0, 'edit tab for anonymous readers');
    await page.click('#cm-login');
    await shot(page, 'login');
    await page.fill('#cm-login-username', accounts.viewer.username);
    await page.fill('#cm-login-password', 'wrong password!');
    await page.click('#cm-login-submit');
    await page.waitForSelector('[data-testid=login-error]:not([hidden])');
    assertEqual(await page.locator('[data-testid=login-error]').textContent(), '用户名或密码错误', 'wrong password message');
    await page.fill('#cm-login-password', accounts.viewer.password);
    await page.click('#cm-login-submit');
    await page.waitForSelector('#cm-user-button');
    assertEqual(await page.locator('[data-testid=user-name]').textContent(), accounts.viewer.username, 'signed-in name');
    assertEqual(await page.locator('.cm-tabs button[data-tab=edit]').count(), 0, 'edit tab for a viewer');
    assertEqual(await page.locator('[data-tool]').count(), 0, 'editing tools for a viewer');
    // a link to the editing tab opens the layers instead
    const page2 = await openPage('#tab=edit');
    assertEqual(await page2.locator('.cm-tabs button.active').getAttribute('data-tab'), 'layers', 'tab shown for #tab=edit');
    assert(page.errors.length === 0, `page errors: ${page.errors}`);
  }],

  ['an administrator adds, restricts and disables an account in 账号管理', async () => {
    const page = await openPage();
    await signIn(page, { username: 'admin', password });
    await page.click('#cm-user-button');
    await page.click('#cm-accounts');
    await page.waitForSelector('[data-testid=accounts] tr[data-user=admin]');
    const name = `surveyor-${run}`;
    await page.fill('#cm-account-username', name);
    await page.fill('#cm-account-password', 'short');
    await page.uncheck('input[name=role][value=EDITOR]');
    await page.check('input[name=role][value=SURVEYOR]');
    await page.uncheck('#cm-account-all-layers');
    await page.check('input[name=layer][value=forest_plots]');
    await page.selectOption('#cm-account-street', { label: '金桥街道' });
    await page.click('[data-action=save-account]');
    const errors = await page.locator('[data-testid=account-errors]').textContent();
    assert(errors.includes('至少 10 个字符'), `password rule not shown: ${errors}`);
    await page.fill('#cm-account-password', 'surveyor-pass-01');
    await page.click('[data-action=save-account]');
    await page.waitForSelector(`[data-testid=accounts] tr[data-user="${name}"]`);
    await shot(page, 'accounts');
    const listed = (await call('GET', '/api/accounts')).body.find((a) => a.username === name);
    assert(listed, `account ${name} not created`);
    assertEqual(JSON.stringify(listed.roles), '["SURVEYOR"]', 'roles');
    assertEqual(JSON.stringify(listed.layers), '["forest_plots"]', 'layers');
    const jinqiao = streets.find((s) => s.properties.name === '金桥街道');
    const street = typeof listed.street === 'string' ? listed.street : listed.street?.code;
    assertEqual(street, jinqiao.properties.code, 'street scope');
    await page.click(`[data-testid=accounts] tr[data-user="${name}"] [data-action=disable]`);
    await page.waitForSelector(`[data-testid=accounts] tr[data-user="${name}"] [data-action=enable]`);
    assertEqual((await call('GET', '/api/accounts')).body.find((a) => a.username === name).enabled, false, 'disabled');
    assert(page.errors.length === 0, `page errors: ${page.errors}`);
  }],

  ['an editor draws a forest plot in 一级管控区, moves a vertex, saves, and the zone\'s forest cover follows', async () => {
    await editors();
    const before = await l1ForestCover();
    const count = await plotsCount();
    const c = place(gl1, 600);
    const page = await editorAt(accounts.editor, c, 16);
    // the dashboard before the edit, in the same page (no reload afterwards)
    await page.click('.cm-tabs button[data-tab=indicators]');
    const card = page.locator('.cm-card[data-unit=L1][data-indicator=forestCover] [data-testid=card-value]');
    assertEqual(await card.textContent(), zhPercent(before), 'L1 forest cover before');
    await page.click('.cm-tabs button[data-tab=edit]');

    const ring = square(c, 600);
    await drawPolygon(page, ring);
    await page.waitForSelector('[data-testid=check-status].check-ok', { timeout: 10000 });
    await fillPlot(page, { code: `E2E-${run}-A`, canopy: '0.6' });
    // the north-east corner, 40 m further north-east (snapping only to other plots, none within reach)
    const ne = page.px(...ring[2]);
    const { dLon, dLat } = degrees(40, c.lat);
    const target = page.px(ring[2][0] + dLon, ring[2][1] + dLat);
    await dragVertex(page, ne, target);
    await page.waitForSelector('[data-testid=check-status].check-ok', { timeout: 10000 });
    await shot(page, 'drawn');
    const verdict = await save(page);
    assertEqual(verdict.kind, 'ok', `save: ${verdict.text}`);
    const id = await workingId(page);
    plotA = { id, center: c, ring };
    const stored = await feature('forest_plots', id);
    assertEqual(stored.status, 200, 'the plot is stored');
    assertEqual(stored.body.properties.canopy_closure, 0.6, 'canopy closure stored');
    const outer = stored.body.geometry.type === 'Polygon' ? stored.body.geometry.coordinates[0] : stored.body.geometry.coordinates[0][0];
    const moved = outer.some(([x, y]) => Math.abs(x - (ring[2][0] + dLon)) < 2e-5 && Math.abs(y - (ring[2][1] + dLat)) < 2e-5);
    assert(moved, `the moved vertex is not stored where it was dropped: ${JSON.stringify(outer)}`);
    assertEqual(await plotsCount(), count + 1, 'forest plots after the save');

    const after = await l1ForestCover();
    assert(after > before, `L1 forest cover did not grow: ${before} → ${after}`);
    await page.click('.cm-tabs button[data-tab=indicators]');
    await page.waitForFunction((expected) => document.querySelector('.cm-card[data-unit=L1][data-indicator=forestCover] [data-testid=card-value]')?.textContent === expected,
      zhPercent(after), { timeout: 10000 });
    assert(zhPercent(after) !== zhPercent(before), `the card's figure should change: ${zhPercent(before)} → ${zhPercent(after)}`);
    await shot(page, 'dashboard-after');
    assert(page.errors.length === 0, `page errors: ${page.errors}`);
  }],

  ['a bow-tie drawing shows the server\'s reason and place, "make valid" repairs it, and nothing bad is saved', async () => {
    const count = await plotsCount();
    const c = place(gl1, 300);
    const page = await editorAt(accounts.editor, c, 16);
    const [sw, se, ne, nw] = square(c, 300);
    await drawPolygon(page, [sw, ne, se, nw]); // the edges SW→NE and SE→NW cross at the centre
    await page.waitForSelector('[data-testid=check-status].check-problems', { timeout: 10000 });
    await fillPlot(page, { code: `E2E-${run}-BOWTIE` });
    const verdict = await save(page);
    assertEqual(verdict.kind, 'error', `the bow-tie was saved: ${verdict.text}`);
    assert(verdict.text.includes('未写入任何数据'), `verdict: ${verdict.text}`);
    const problem = page.locator('[data-testid=problems] li').first();
    const code = await problem.getAttribute('data-code');
    assert(/self.intersection/.test(code), `problem code ${code}`);
    assert((await problem.textContent()).includes('自相交'), `problem text: ${await problem.textContent()}`);
    const marker = page.locator(`.cm-problem-marker[data-code="${code}"]`).first();
    await marker.waitFor({ timeout: 5000 });
    const [mlon, mlat] = [Number(await marker.getAttribute('data-lon')), Number(await marker.getAttribute('data-lat'))];
    assert(Math.abs(mlon - c.lon) < 1e-4 && Math.abs(mlat - c.lat) < 1e-4, `marker at ${mlon},${mlat}, not at the crossing ${c.lon},${c.lat}`);
    const mbox = await marker.boundingBox();
    const expected = page.px(c.lon, c.lat);
    assert(Math.abs(mbox.x + mbox.width / 2 - expected.x) < 6 && Math.abs(mbox.y + mbox.height / 2 - expected.y) < 6, 'marker drawn at the crossing');
    await shot(page, 'bowtie');
    assertEqual(await plotsCount(), count, 'forest plots after the refused save');
    await page.click('[data-tool=make-valid]');
    await page.waitForSelector('[data-testid=check-status].check-ok', { timeout: 10000 });
    assertEqual(await page.locator('.cm-problem-marker').count(), 0, 'problem markers after make valid');
    assert(page.errors.length === 0, `page errors: ${page.errors}`);
  }],

  ['saving the same plot from two browsers shows the conflict with both versions and never overwrites', async () => {
    assert(plotA, 'the plot of the first editing test');
    const a = await editorAt(accounts.editor, plotA.center, 16);
    const b = await editorAt(accounts.editor2, plotA.center, 16);
    await openFeatureAt(a, plotA.center.lon, plotA.center.lat);
    await openFeatureAt(b, plotA.center.lon, plotA.center.lat);
    const v0 = Number(await a.locator('.cm-edit-panel').getAttribute('data-version'));
    await a.fill('#cm-attr-canopy_closure', '0.45');
    assertEqual((await save(a)).kind, 'ok', 'first save');
    await b.fill('#cm-attr-stock_m3', '999');
    await b.click('[data-tool=save]');
    const dialog = b.locator('.cm-conflict');
    await dialog.waitFor({ timeout: 10000 });
    await b.waitForTimeout(500);
    await shot(b, 'conflict');
    // nothing written yet: the first editor's version stands
    const meanwhile = await feature('forest_plots', plotA.id);
    assertEqual(meanwhile.body.properties.canopy_closure, 0.45, 'canopy closure while the dialog is open');
    assertEqual(meanwhile.body.properties.stock_m3, 1500, 'stock while the dialog is open');
    assertEqual(meanwhile.etag, `"${v0 + 1}"`, 'version while the dialog is open');
    // both versions, attribute by attribute, with the differences preset as a three-way merge would
    const row = (attr) => dialog.locator(`tr[data-attr=${attr}]`);
    assert((await row('canopy_closure').textContent()).includes('0.45'), 'their canopy closure shown');
    assert((await row('stock_m3').textContent()).includes('999'), 'my stock shown');
    assertEqual(await row('canopy_closure').locator('input[value=theirs]').isChecked(), true, 'canopy: theirs preset');
    assertEqual(await row('stock_m3').locator('input[value=mine]').isChecked(), true, 'stock: mine preset');
    assert(await b.locator('.cm-outline-label.cm-label-theirs').count() > 0, 'their outline on the map');
    await dialog.locator('[data-action=save]').click();
    await b.waitForSelector('.cm-verdict.verdict-ok', { timeout: 10000 });
    const merged = await feature('forest_plots', plotA.id);
    assertEqual(merged.body.properties.canopy_closure, 0.45, 'merged canopy closure');
    assertEqual(merged.body.properties.stock_m3, 999, 'merged stock');
    assertEqual(merged.etag, `"${v0 + 2}"`, 'merged version');
    assert(a.errors.length === 0 && b.errors.length === 0, `page errors: ${a.errors} ${b.errors}`);
  }],

  ['the history lists the versions newest first, shows one on the map and restores it', async () => {
    const page = await editorAt(accounts.editor, plotA.center, 16);
    await openFeatureAt(page, plotA.center.lon, plotA.center.lat);
    const items = page.locator('[data-testid=history] li[data-version]');
    await items.first().waitFor({ timeout: 10000 });
    const versions = await items.evaluateAll((els) => els.map((e) => Number(e.dataset.version)));
    const sorted = [...versions].sort((x, y) => y - x);
    assertEqual(JSON.stringify(versions), JSON.stringify(sorted), 'newest first');
    assert(versions.length >= 3, `versions: ${versions}`);
    const oldest = versions[versions.length - 1];
    assertEqual(await items.last().getAttribute('data-op'), 'create', 'the first version was a create');
    assert((await items.first().textContent()).includes(accounts.editor2.username), 'who saved the last version');
    await items.last().locator('.cm-history-item').click();
    const detail = page.locator('.cm-history-detail');
    await detail.waitFor();
    assert(await detail.locator('tr.cm-changed[data-attr=canopy_closure]').count() === 1, 'changed canopy closure marked');
    assert(await page.locator('.cm-outline-label.cm-label-theirs').count() === 1, 'the version outlined on the map');
    await shot(page, 'history');
    await detail.locator('[data-action=restore]').click();
    await page.waitForSelector('.cm-verdict.verdict-ok', { timeout: 10000 });
    const restored = await feature('forest_plots', plotA.id);
    assertEqual(restored.body.properties.canopy_closure, 0.6, 'restored canopy closure');
    assertEqual(restored.body.properties.stock_m3, 1500, 'restored stock');
    assertEqual(restored.etag, `"${versions[0] + 1}"`, 'a restore is a new version');
    const history = (await call('GET', `/api/layers/forest_plots/features/${plotA.id}/history`, null, '')).body;
    assertEqual(history[0].op, 'restore', 'the newest entry of the history');
    assert(oldest === 1, `oldest version ${oldest}`);
    assert(page.errors.length === 0, `page errors: ${page.errors}`);
  }],

  ['undo (Ctrl+Z) takes back the editor\'s own last save', async () => {
    const page = await editorAt(accounts.editor, plotA.center, 16);
    await openFeatureAt(page, plotA.center.lon, plotA.center.lat);
    const before = await feature('forest_plots', plotA.id);
    await page.selectOption('#cm-attr-species', 'willow');
    assertEqual((await save(page)).kind, 'ok', 'save');
    assertEqual((await feature('forest_plots', plotA.id)).body.properties.species, 'willow', 'saved species');
    await page.locator('.cm-edit-panel h2').click(); // out of the form: Ctrl+Z in a field undoes typing
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => /已撤销/.test(document.querySelector('[data-testid=edit-verdict]')?.textContent ?? ''), null, { timeout: 10000 });
    const after = await feature('forest_plots', plotA.id);
    assertEqual(after.body.properties.species, before.body.properties.species, 'species after undo');
    assertEqual(await page.inputValue('#cm-attr-species'), before.body.properties.species, 'species in the form after undo');
    assert(page.errors.length === 0, `page errors: ${page.errors}`);
  }],

  ['a surveyor changes the survey attributes of a plot, checked as typed, but not its shape or code', async () => {
    accounts.surveyor = await createAccount(`surveyor2-${run}`, 'surveyor-pass-02', ['SURVEYOR'], ['forest_plots']);
    const page = await editorAt(accounts.surveyor, plotA.center, 16);
    assertEqual((await page.locator('#cm-edit-layer option:checked').textContent()), '林地小班（仅调查属性）', 'layer choice');
    for (const tool of ['draw', 'cut', 'split', 'merge', 'delete']) {
      assertEqual(await page.locator(`[data-tool=${tool}]`).count(), 0, `${tool} tool for a surveyor`);
    }
    await openFeatureAt(page, plotA.center.lon, plotA.center.lat);
    assertEqual(await page.locator('#cm-attr-plot_code').isDisabled(), true, 'plot code locked');
    assertEqual(await page.locator('#cm-attr-canopy_closure').isDisabled(), false, 'canopy closure open');
    assertEqual(await page.locator('.leaflet-marker-pane .marker-icon').count(), 0, 'vertex handles for a surveyor');
    const writes = [];
    page.on('request', (r) => { if (r.method() === 'PUT') writes.push(r.url()); });
    await page.fill('#cm-attr-canopy_closure', '1.5');
    const error = page.locator('.cm-field-error[data-for=canopy_closure]');
    await error.waitFor();
    assertEqual(await error.textContent(), '应在 0 到 1 之间', 'inline message');
    await page.click('[data-tool=save]');
    assert((await page.locator('[data-testid=edit-verdict]').textContent()).includes('1 项属性需要修改'), 'save blocked by the form');
    assertEqual(writes.length, 0, 'requests sent with an invalid form');
    await page.fill('#cm-attr-canopy_closure', '0.7');
    assertEqual((await save(page)).kind, 'ok', 'survey save');
    assertEqual((await feature('forest_plots', plotA.id)).body.properties.canopy_closure, 0.7, 'canopy closure stored');
    await shot(page, 'surveyor');
    assert(page.errors.length === 0, `page errors: ${page.errors}`);
  }],

  ['text attributes containing HTML are shown as text in the editor and its history', async () => {
    const c = place(gl1, 200);
    const code = '<img src=x onerror=window.__xss=1>小班';
    const ring = square(c, 200);
    const created = await call('POST', '/api/layers/forest_plots/features', {
      type: 'Feature', properties: { plot_code: code, species: 'ash', canopy_closure: 0.3, stock_m3: 10 },
      geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] },
    });
    assertEqual(created.status, 201, `creating the plot: ${JSON.stringify(created.body)}`);
    const page = await editorAt(accounts.editor, c, 17);
    await openFeatureAt(page, c.lon, c.lat);
    assertEqual(await page.inputValue('#cm-attr-plot_code'), code, 'plot code in the form');
    assert((await page.locator('[data-testid=working-title]').textContent()).includes(code), 'plot code in the title');
    await page.locator('[data-testid=history] li[data-version] .cm-history-item').first().click();
    assert((await page.locator('.cm-history-detail').textContent()).includes(code), 'plot code in the history');
    assertEqual(await page.locator('.cm-panel img').count(), 0, 'img elements in the panel');
    assertEqual(await page.evaluate(() => window.__xss), undefined, 'the onerror handler ran');
    assert(page.errors.length === 0, `page errors: ${page.errors}`);
  }],

  ['a plot is split along a drawn line and the parts merged back', async () => {
    const c = place(gl1, 400);
    const ring = square(c, 400);
    const created = await call('POST', '/api/layers/forest_plots/features', {
      type: 'Feature', properties: { plot_code: `E2E-${run}-S`, species: 'elm', canopy_closure: 0.5, stock_m3: 800 },
      geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] },
    });
    assertEqual(created.status, 201, `creating the plot: ${JSON.stringify(created.body)}`);
    const page = await editorAt(accounts.editor, c, 16);
    await openFeatureAt(page, c.lon, c.lat);
    await page.click('[data-tool=split]');
    const { dLon, dLat } = degrees(260, c.lat);
    const p1 = page.px(c.lon, c.lat + dLat);
    const p2 = page.px(c.lon, c.lat - dLat);
    await page.mouse.click(p1.x, p1.y);
    await page.waitForTimeout(100);
    await page.mouse.click(p2.x, p2.y);
    await page.waitForTimeout(100);
    await page.mouse.click(p2.x, p2.y); // the last vertex again: the line is finished
    await page.waitForSelector('.cm-verdict.verdict-ok, .cm-verdict.verdict-error', { timeout: 15000 });
    const text = await page.locator('[data-testid=edit-verdict]').textContent();
    assert(text.includes('已分割为 2 个要素'), `split verdict: ${text}`);
    assertEqual((await feature('forest_plots', created.body.id)).status, 404, 'the split plot is gone');
    await page.waitForFunction(() => Number(document.body.dataset.committed ?? 0) >= 1);
    await page.waitForTimeout(800); // the layer is fetched again and drawn
    await shot(page, 'split');
    // merge the halves back
    await page.click('[data-tool=merge]');
    const west = page.px(c.lon - dLon / 2, c.lat);
    const east = page.px(c.lon + dLon / 2, c.lat);
    await page.mouse.click(west.x, west.y);
    await page.mouse.click(east.x, east.y);
    await page.waitForSelector('[data-tool=merge-run]:not([disabled])');
    await page.click('[data-tool=merge-run]');
    await page.waitForFunction(() => !/已分割/.test(document.querySelector('[data-testid=edit-verdict]')?.textContent ?? '已分割'), null, { timeout: 15000 });
    const merged = await page.locator('[data-testid=edit-verdict]').textContent();
    assert(merged.includes('已合并 2 个要素'), `merge verdict: ${merged}`);
    const id = await workingId(page);
    const stored = await feature('forest_plots', id);
    assertEqual(Math.round(stored.body.properties.stock_m3), 800, 'the merged stock is the sum of the parts');
    assert(page.errors.length === 0, `page errors: ${page.errors}`);
  }],

  ['a plot is deleted after a confirmation, and brought back from its history', async () => {
    const c = place(gl1, 200);
    const ring = square(c, 200);
    const created = await call('POST', '/api/layers/forest_plots/features', {
      type: 'Feature', properties: { plot_code: `E2E-${run}-D`, species: 'sophora', canopy_closure: 0.35, stock_m3: 120 },
      geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] },
    });
    assertEqual(created.status, 201, `creating the plot: ${JSON.stringify(created.body)}`);
    const id = created.body.id;
    const page = await editorAt((await editors()).editor, c, 17);
    await openFeatureAt(page, c.lon, c.lat);
    await page.click('[data-tool=delete]');
    const dialog = page.locator('.cm-delete');
    await dialog.waitFor();
    assert((await dialog.textContent()).includes(`E2E-${run}-D`), 'the plot named in the confirmation');
    await dialog.locator('[data-action=cancel]').click();
    assertEqual((await feature('forest_plots', id)).status, 200, 'the plot after cancelling');
    await page.click('[data-tool=delete]');
    await page.locator('.cm-delete [data-action=ok]').click();
    await page.waitForSelector('[data-tool=deleted-history]');
    assertEqual((await feature('forest_plots', id)).status, 404, 'the plot after deleting');
    await page.click('[data-tool=deleted-history]');
    const items = page.locator('[data-testid=history] li[data-version]');
    await items.first().waitFor();
    assertEqual(await items.first().getAttribute('data-op'), 'delete', 'the newest entry');
    await items.first().locator('.cm-history-item').click();
    await page.locator('.cm-history-detail [data-action=restore]').click();
    await page.waitForFunction(() => /已恢复/.test(document.querySelector('[data-testid=edit-verdict]')?.textContent ?? ''), null, { timeout: 10000 });
    const back = await feature('forest_plots', id);
    assertEqual(back.status, 200, 'the plot after restoring');
    assertEqual(back.body.properties.plot_code, `E2E-${run}-D`, 'restored plot code');
    assert(page.errors.length === 0, `page errors: ${page.errors}`);
  }],

  ['a moved vertex snaps onto the neighbouring plot\'s corner; a hole is cut and saved', async () => {
    const c = place(gl1, 400);
    const { dLon, dLat } = degrees(1, c.lat); // one metre in degrees
    const x = (m) => c.lon + m * dLon;
    const y = (m) => c.lat + m * dLat;
    // the neighbour, west: its east edge at x = -10 m
    const west = [[x(-190), y(-150)], [x(-10), y(-150)], [x(-10), y(150)], [x(-190), y(150)]];
    const created = await call('POST', '/api/layers/forest_plots/features', {
      type: 'Feature', properties: { plot_code: `E2E-${run}-W`, species: 'ash', canopy_closure: 0.4, stock_m3: 300 },
      geometry: { type: 'Polygon', coordinates: [[...west, west[0]]] },
    });
    assertEqual(created.status, 201, `creating the neighbour: ${JSON.stringify(created.body)}`);
    const page = await editorAt((await editors()).editor, c, 17);
    // drawn 30 m east of it (a gap: no snapping while drawing)
    const east = [[x(20), y(-150)], [x(190), y(-150)], [x(190), y(150)], [x(20), y(150)]];
    await drawPolygon(page, east);
    await page.waitForSelector('[data-testid=snap-count]');
    assert(/可吸附的相邻要素：[1-9]/.test(await page.locator('[data-testid=snap-count]').textContent()), 'the neighbour is a snap target');
    // its two west vertices dragged to 4 m (about 4 pixels) off the neighbour's corners: they snap onto them
    await dragVertex(page, page.px(x(20), y(-150)), page.px(x(-6), y(-148)));
    await dragVertex(page, page.px(x(20), y(150)), page.px(x(-7), y(153)));
    // a hole: a square drawn inside
    await page.click('[data-tool=cut]');
    await page.waitForSelector('.cm-edit-panel[data-mode=cut]');
    for (const [mx, my] of [[80, -40], [140, -40], [140, 40], [80, 40], [80, -40]]) {
      const p = page.px(x(mx), y(my));
      await page.mouse.click(p.x, p.y);
      await page.waitForTimeout(80);
    }
    await page.waitForSelector('.cm-edit-panel[data-mode=idle]');
    await page.waitForSelector('[data-testid=check-status].check-ok', { timeout: 10000 });
    await fillPlot(page, { code: `E2E-${run}-E` });
    await shot(page, 'snap-hole');
    const verdict = await save(page);
    assertEqual(verdict.kind, 'ok', `save: ${verdict.text}`);
    const stored = (await feature('forest_plots', await workingId(page))).body.geometry;
    const rings = stored.type === 'Polygon' ? stored.coordinates : stored.coordinates[0];
    assertEqual(rings.length, 2, 'outer ring and one hole');
    const shell = rings[0];
    for (const corner of [west[1], west[2]]) {
      assert(shell.some(([px, py]) => Math.abs(px - corner[0]) < 1e-9 && Math.abs(py - corner[1]) < 1e-9),
        `the neighbour's corner ${corner} is not a vertex of the new plot: ${JSON.stringify(shell)}`);
    }
    assert(page.errors.length === 0, `page errors: ${page.errors}`);
  }],

  ['an edit survives an expired session: the save signs in again and goes through', async () => {
    await editors();
    const c = place(gl1, 250);
    const page = await editorAt(accounts.editor, c, 16);
    await drawPolygon(page, square(c, 250));
    await fillPlot(page, { code: `E2E-${run}-SESSION` });
    // the session ends on the server's side (a restart, a timeout): its cookie no longer signs in
    const cookies = (await page.context().cookies()).filter((k) => k.name !== 'JSESSIONID');
    await page.context().clearCookies();
    await page.context().addCookies(cookies);
    await page.click('[data-tool=save]');
    await page.waitForSelector('.cm-login .cm-login-reason');
    assert((await page.locator('.cm-login-reason').textContent()).includes('未保存的修改仍然保留'), 'why the sign-in is asked');
    await page.fill('#cm-login-username', accounts.editor.username);
    await page.fill('#cm-login-password', accounts.editor.password);
    await page.click('#cm-login-submit');
    await page.waitForSelector('.cm-verdict.verdict-ok', { timeout: 15000 });
    const id = await workingId(page);
    assertEqual((await feature('forest_plots', id)).body.properties.plot_code, `E2E-${run}-SESSION`, 'the plot saved after signing in');
    assert(page.errors.length === 0, `page errors: ${page.errors}`);
  }],

  ['a street-scoped editor sees the street outlined and a save outside it shows the server\'s refusal', async () => {
    const jinqiao = streets.find((s) => s.properties.name === '金桥街道');
    accounts.scoped = await createAccount(`jinqiao-${run}`, 'jinqiao-pass-001', ['EDITOR'], ['forest_plots'], jinqiao.properties.code);
    // a square in level 1 but outside 金桥街道
    const outside = emptySquare(gl1, plots, 300, taken);
    const inJinqiao = (c) => contains(jinqiao.geometry, c.lon, c.lat);
    let c = outside;
    if (inJinqiao(c)) c = emptySquare({ ...gl1, geometry: gl1.geometry }, plots, 300, [...taken, [c.lon - 0.01, c.lat - 0.01, c.lon + 0.01, c.lat + 0.01]]);
    assert(c && !inJinqiao(c), 'a place outside 金桥街道');
    taken.push([c.lon - 0.003, c.lat - 0.003, c.lon + 0.003, c.lat + 0.003]);
    const page = await editorAt(accounts.scoped, c, 16);
    assert((await page.locator('[data-testid=street-scope]').textContent()).includes('金桥街道'), 'scope note');
    await page.click('#cm-user-button');
    assert((await page.locator('[data-testid=user-scope]').textContent()).includes('金桥街道'), 'scope in the account menu');
    await page.click('#cm-user-button');
    assert(await page.locator('.cm-scope-label').count() === 1, 'the street outlined with its name');
    const count = await plotsCount();
    await drawPolygon(page, square(c, 300));
    await fillPlot(page, { code: `E2E-${run}-OUT` });
    const verdict = await save(page);
    assertEqual(verdict.kind, 'error', `saved outside the street: ${verdict.text}`);
    assert(verdict.text.startsWith('无权保存：'), `verdict: ${verdict.text}`);
    assertEqual(await plotsCount(), count, 'forest plots after the refused save');
    await shot(page, 'street-scope');
    assert(page.errors.length === 0, `page errors: ${page.errors}`);
  }],
];

await runAndExit(tests, browser, contexts);
