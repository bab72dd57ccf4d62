// CarbonMap's browser end-to-end tests, run against a real server with the Dongli sample data:
//   node web/e2e/run.mjs --base http://127.0.0.1:18090 [--password <admin password>] [--screenshots dir] [--only text]
// The admin password (for the one test that writes a feature) also comes from CARBONMAP_ADMIN_PASSWORD.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, assertEqual, ensureDir, isolatedContext, launch, option, runAndExit } from './harness.mjs';
import { bboxOf, contains } from './geo.mjs';

const base = option('base', 'http://127.0.0.1:8080').replace(/\/$/, '');
const password = option('password', process.env.CARBONMAP_ADMIN_PASSWORD ?? '');
const shots = ensureDir(option('screenshots', join(dirname(fileURLToPath(import.meta.url)), 'screenshots')));
const JINQIAO_FARMLAND = '金桥街2023年新建高标准农田项目';
const M2_PER_MU = 10000 / 15;

// ---- the API, read directly to know what the page must show
async function getJson(path) {
  const r = await fetch(base + path);
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json();
}
const zhNumber = (v, d = 0) => v.toLocaleString('zh-CN', { minimumFractionDigits: d, maximumFractionDigits: d });
const zhPercent = (share) => `${zhNumber(share * 100, 1)}%`;
const zhTarget = (indicator, v) => indicator === 'forestStockM3' ? `${zhNumber(v)} m³`
  : indicator === 'farmlandMu' ? `${zhNumber(v)} 亩` : zhPercent(v);
const STATUS_ZH = { met: '已达标', on_track: '进展正常', behind: '滞后' };

// ---- the page
const browser = await launch();
const contexts = [];

async function openPage(hash = '', viewport) {
  const context = await isolatedContext(browser, base, viewport);
  contexts.push(context);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('dialog', (d) => { page.errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(`${base}/${hash}`);
  await page.waitForSelector('body[data-ready=true]', { timeout: 30000 });
  return page;
}

const shot = (page, name) => page.screenshot({ path: join(shots, `${name}.png`) });
const hashParams = (page) => page.evaluate(() => Object.fromEntries(new URLSearchParams(location.hash.slice(1))));

/** Counts the map's pixels near a colour (a selection outline, a class colour). */
async function countMapPixels(page, rgb, tolerance = 40) {
  const png = await page.locator('#map').screenshot();
  return page.evaluate(async ({ data, rgb, tolerance }) => {
    // decoded here, not fetched: the page's Content-Security-Policy (connect-src 'self') refuses data: URLs
    const blob = new Blob([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], { type: 'image/png' });
    const bitmap = await createImageBitmap(blob);
    const c = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = c.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < px.length; i += 4) {
      if (Math.abs(px[i] - rgb[0]) + Math.abs(px[i + 1] - rgb[1]) + Math.abs(px[i + 2] - rgb[2]) < tolerance) n++;
    }
    return n;
  }, { data: png.toString('base64'), rgb, tolerance });
}

async function chooseJinqiao(page) {
  await page.click('.cm-tabs button[data-tab=browser]');
  await page.selectOption('#cm-street', { label: '金桥街道' });
  await page.waitForSelector('[data-testid=project-list] tr[data-key]', { timeout: 20000 });
  await page.waitForSelector('.cm-browser[data-map-ready=true]', { timeout: 20000 });
}

const layers = await getJson('/api/layers');
const metrics = await getJson('/api/metrics?unit=all');
const streets = (await getJson('/api/layers/streets/features?limit=100')).features;
const jinqiao = streets.find((f) => f.properties.name === '金桥街道');

const tests = [
  ['the layer switcher lists the seven layers with their feature counts', async () => {
    const page = await openPage();
    for (const l of layers) {
      const row = page.locator(`.cm-layer[data-layer="${l.name}"]`);
      assertEqual(await row.locator('.cm-layer-title').textContent(), l.title.zh, `title of ${l.name}`);
      assertEqual(await row.locator('.cm-layer-count').textContent(), `${zhNumber(l.featureCount)} 个要素`, `count of ${l.name}`);
    }
    assertEqual(layers.length, 7, 'layers in the catalogue');
    // zoomed out over the district: rooftops are not drawn, the legend says to zoom in
    const legend = await page.locator('[data-testid=map-legend]').textContent();
    assert(legend.includes('放大查看屋顶'), `map legend without the rooftop zoom hint: ${legend}`);
    await shot(page, 'layers');
  }],

  ['rooftops load by viewport from zoom 15 only, at most 5000 per request', async () => {
    const roofs = layers.find((l) => l.name === 'pv_rooftops');
    const [w, s, e, n] = roofs.extent;
    const centre = `${((s + n) / 2).toFixed(5)},${((w + e) / 2).toFixed(5)}`;
    const seen = [];
    const context = await isolatedContext(browser, base);
    contexts.push(context);
    const page = await context.newPage();
    page.on('request', (r) => { if (r.url().includes('/api/layers/pv_rooftops/features')) seen.push(new URL(r.url())); });
    await page.goto(`${base}/#layers=pv_rooftops&c=${centre}&z=14`);
    await page.waitForSelector('body[data-ready=true]');
    await page.waitForTimeout(800);
    assertEqual(seen.length, 0, 'rooftop requests at zoom 14');
    const hint = await page.locator('.cm-layer[data-layer=pv_rooftops] .cm-zoom-hint').textContent();
    assertEqual(hint, '放大查看屋顶（15 级以上）', 'zoom hint in the layer switcher');
    // the layer asks after the zoom animation and a debounce: wait for its request, not for a quiet network (which
    // a loaded machine may reach before the request is made)
    const firstRequest = page.waitForRequest((r) => r.url().includes('/api/layers/pv_rooftops/features'),
      { timeout: 10000 }).catch(() => null);
    await page.click('.leaflet-control-zoom-in');
    await page.waitForFunction(() => !document.querySelector('.cm-layer[data-layer=pv_rooftops] .cm-zoom-hint'));
    await firstRequest;
    await page.waitForLoadState('networkidle');
    assert(seen.length > 0, 'no rooftop request at zoom 15');
    for (const url of seen) {
      assert(url.searchParams.has('bbox'), `request without bbox: ${url}`);
      assert(Number(url.searchParams.get('limit')) <= 5000, `request over 5000: ${url}`);
    }
  }],

  ['a popup shows a property containing HTML as text, not markup', async () => {
    assert(password, 'the admin password is needed (--password or CARBONMAP_ADMIN_PASSWORD)');
    const auth = `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;
    const name = '<img src=x onerror=window.__xss=1>公园';
    // a small park well inside a street (the server refuses features outside the district; parks may overlap)
    const inside = streets.map((f) => { const [x0, y0, x1, y1] = bboxOf(f.geometry); return [(x0 + x1) / 2, (y0 + y1) / 2, f]; })
      .find(([x, y, f]) => contains(f.geometry, x, y) && contains(f.geometry, x + 0.002, y + 0.002) && contains(f.geometry, x - 0.002, y - 0.002));
    assert(inside, 'a street whose box centre lies well inside it');
    const [lon, lat, d] = [Number(inside[0].toFixed(4)), Number(inside[1].toFixed(4)), 0.0006];
    const created = await fetch(`${base}/api/layers/parks/features`, {
      method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/geo+json' },
      body: JSON.stringify({ type: 'Feature', properties: { name, status: 'planned', year: 2025 }, geometry: {
        type: 'Polygon', coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] } }),
    });
    assertEqual(created.status, 201, `creating the park: ${await created.clone().text()}`);
    const park = await created.json();
    try {
      const page = await openPage(`#layers=parks&c=${lat},${lon}&z=17`);
      await page.waitForTimeout(800);
      const box = await page.locator('#map').boundingBox();
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const popup = page.locator('.leaflet-popup-content .cm-popup');
      await popup.waitFor({ timeout: 5000 });
      await page.waitForTimeout(400); // the popup fades in
      const text = await popup.textContent();
      assert(text.includes(name), `popup text does not show the name as text: ${text}`);
      assertEqual(await page.locator('.leaflet-popup-content img').count(), 0, 'img elements in the popup');
      assertEqual(await page.evaluate(() => window.__xss), undefined, 'the onerror handler ran');
      assert(page.errors.length === 0, `page errors: ${page.errors}`);
      await shot(page, 'popup');
    } finally {
      await fetch(`${base}/api/layers/parks/features/${park.id}`, {
        method: 'DELETE', headers: { Authorization: auth, 'If-Match': created.headers.get('ETag') },
      });
    }
  }],

  ['the thematic map of blue-green share per zone marks the plan\'s targets in its legend', async () => {
    const page = await openPage('#tab=indicators&choro=1&ind=blueGreenShare&units=zones');
    await page.waitForFunction(() => document.querySelector('[data-testid=map-legend]')?.textContent.includes('目标'));
    const legend = await page.locator('[data-testid=map-legend]').textContent();
    const targets = metrics.flatMap((u) => u.targets.filter((t) => t.indicator === 'blueGreenShare').map((t) => ({ u, t })));
    assert(targets.length >= 2, 'the plan has blue-green targets for the barrier and level 1');
    for (const { u, t } of targets) {
      const expected = `${u.name}目标 ${zhPercent(t.target)}`;
      assert(legend.includes(expected), `legend lacks "${expected}": ${legend}`);
    }
    assert(legend.includes('蓝绿空间占比'), 'legend title');
    await shot(page, 'indicators');
  }],

  ['the dashboard cards show the figures and statuses of /api/metrics', async () => {
    const page = await openPage('#tab=indicators');
    const units = metrics.filter((u) => u.unit === 'barrier' || u.unit === 'district' || (u.unit === 'level' && u.code === 'L1'));
    let cards = 0;
    for (const u of units) {
      for (const t of u.targets) {
        const card = page.locator(`.cm-card[data-unit="${u.code}"][data-indicator="${t.indicator}"]`);
        assertEqual(await card.count(), 1, `card of ${u.name} ${t.indicator}`);
        assertEqual(await card.locator('[data-testid=card-value]').textContent(), zhTarget(t.indicator, t.value), `value of ${u.name} ${t.indicator}`);
        assertEqual(await card.locator('[data-testid=card-status]').textContent(), STATUS_ZH[t.status], `status of ${u.name} ${t.indicator}`);
        const targetText = await card.locator('.cm-card-target').textContent();
        assert(targetText.includes(zhTarget(t.indicator, t.target)), `target of ${u.name} ${t.indicator}: ${targetText}`);
        cards++;
      }
    }
    assertEqual(cards, 6, 'cards for the six targets of the plan');
  }],

  ['clicking the largest bar of the chart zooms to that unit and shows its figures', async () => {
    const page = await openPage('#tab=indicators&ind=forestCover&units=streets');
    const chart = page.locator('[data-testid=unit-chart]');
    await chart.locator('canvas').first().waitFor();
    await chart.scrollIntoViewIfNeeded();
    const box = await chart.boundingBox();
    const n = metrics.filter((u) => u.unit === 'street').length;
    const band = (box.height - 32) / n;
    const before = Number((await hashParams(page)).z);
    await page.mouse.click(box.x + box.width * 0.6, box.y + 24 + band / 2);
    const max = Math.max(...metrics.filter((u) => u.unit === 'street').map((u) => u.forestCover ?? -1));
    const figures = page.locator('.cm-dashboard .cm-unit-figures');
    await figures.waitFor({ timeout: 5000 });
    const code = await figures.getAttribute('data-unit');
    const shown = metrics.find((u) => u.unit === 'street' && u.code === code);
    assertEqual(shown?.forestCover, max, 'forest cover of the street shown (the top bar is the largest)');
    assertEqual(await figures.locator('h3').textContent(), shown.name, 'name of the street shown');
    await page.waitForTimeout(800);
    const after = Number((await hashParams(page)).z);
    assert(after > before, `the map did not zoom to ${shown.name}: ${before} → ${after}`);
  }],

  ['金桥街道 lists its 800-亩 2023 high-standard farmland project', async () => {
    assert(jinqiao, '金桥街道 is in the streets layer');
    const page = await openPage();
    await chooseJinqiao(page);
    const row = page.locator('[data-testid=project-list] tr[data-key]', { hasText: JINQIAO_FARMLAND });
    assertEqual(await row.count(), 1, `rows of ${JINQIAO_FARMLAND}`);
    const cells = await row.locator('td').allTextContents();
    assert(cells.includes('2023'), `year of the project: ${cells}`);
    const mu = Number(cells[4].replace(/,/g, ''));
    assert(Math.abs(mu - 800) <= 8, `area of the project is ${mu} 亩, not about 800`);
    const api = await getJson(`/api/streets/${jinqiao.properties.code}/projects`);
    assertEqual(await page.locator('[data-testid=project-count]').textContent(), `共 ${zhNumber(api.projects.length)} 个项目`, 'project count');
    await shot(page, 'browser');
  }],

  ['list and map select each other', async () => {
    const page = await openPage();
    await chooseJinqiao(page);
    const row = page.locator('[data-testid=project-list] tr[data-key]', { hasText: JINQIAO_FARMLAND });
    const key = await row.getAttribute('data-key');
    const streetZoom = Number((await hashParams(page)).z);
    await row.click();
    await page.waitForFunction((z) => Number(new URLSearchParams(location.hash.slice(1)).get('z')) > z, streetZoom);
    await page.waitForTimeout(500);
    assert(await row.evaluate((tr) => tr.classList.contains('selected')), 'clicked row is not selected');
    const params = await hashParams(page);
    assertEqual(params.sel, key, 'selection in the URL');
    const cyan = await countMapPixels(page, [0, 229, 255]);
    assert(cyan > 100, `the selected project is not outlined on the map (${cyan} highlight pixels)`);
    await shot(page, 'browser-selected');

    // the other way: the street at the project's centre, nothing selected, then a click on the project on the map
    const api = await getJson(`/api/streets/${jinqiao.properties.code}/projects?type=farmland`);
    const project = api.projects.find((p) => `${p.layer}:${p.id}` === key);
    const [lon, lat] = project.center;
    const page2 = await openPage(`#tab=browser&street=${jinqiao.properties.code}&c=${lat},${lon}&z=16`);
    await page2.waitForSelector('.cm-browser[data-map-ready=true]');
    assertEqual(await page2.locator('tr.selected').count(), 0, 'selected rows before the click');
    const box = await page2.locator('#map').boundingBox();
    await page2.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page2.waitForSelector(`tr.selected[data-key="${key}"]`, { timeout: 5000 });
    assertEqual((await hashParams(page2)).sel, key, 'selection in the URL after a click on the map');
  }],

  ['the URL reproduces the view after a reload', async () => {
    const page = await openPage();
    await chooseJinqiao(page);
    for (const type of ['parks', 'pv_rooftops', 'forest_plots']) await page.uncheck(`input[data-type=${type}]`);
    await page.selectOption('#cm-year', '2023');
    const row = page.locator('[data-testid=project-list] tr[data-key]', { hasText: JINQIAO_FARMLAND });
    await row.click();
    await page.waitForTimeout(1200);
    const url = page.url();
    const rows = await page.locator('[data-testid=project-list] tr[data-key]').evaluateAll((trs) => trs.map((tr) => tr.dataset.key));
    const page2 = await openPage(new URL(url).hash);
    await page2.waitForSelector('.cm-browser[data-map-ready=true]');
    assertEqual(await page2.locator('#cm-street').inputValue(), jinqiao.properties.code, 'street');
    assertEqual(await page2.locator('#cm-year').inputValue(), '2023', 'year');
    assertEqual(await page2.locator('input[data-type=farmland]').isChecked(), true, 'farmland checked');
    assertEqual(await page2.locator('input[data-type=parks]').isChecked(), false, 'parks unchecked');
    const rows2 = await page2.locator('[data-testid=project-list] tr[data-key]').evaluateAll((trs) => trs.map((tr) => tr.dataset.key));
    assertEqual(JSON.stringify(rows2), JSON.stringify(rows), 'listed projects');
    assertEqual(await page2.locator('tr.selected').getAttribute('data-key'), await row.getAttribute('data-key'), 'selected row');
    const [a, b] = [new URL(url).hash, await page2.evaluate(() => location.hash)].map((h) => new URLSearchParams(h.slice(1)));
    assertEqual(b.get('z'), a.get('z'), 'zoom');
    assertEqual(b.get('c'), a.get('c'), 'centre');
    assert((await countMapPixels(page2, [0, 229, 255])) > 100, 'the selected project is outlined after the reload');
  }],

  ['the list exports as CSV that Excel opens in Chinese', async () => {
    const page = await openPage();
    await chooseJinqiao(page);
    const count = await page.locator('[data-testid=project-list] tr[data-key]').count();
    const total = Number((await page.locator('[data-testid=project-count]').textContent()).replace(/[^\d]/g, ''));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#cm-csv')]);
    assert(download.suggestedFilename().endsWith('.csv') && download.suggestedFilename().includes('金桥街道'), `file name ${download.suggestedFilename()}`);
    const bytes = readFileSync(await download.path());
    assert(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, 'UTF-8 byte order mark');
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    assertEqual(lines[0], '类型,名称,状态,年份,面积（m²）,面积（亩）,中心经度,中心纬度,编号', 'header');
    assertEqual(lines.length - 1, total, 'data rows');
    assert(count <= total, 'rows shown');
    const line = lines.find((l) => l.includes(JINQIAO_FARMLAND));
    assert(line && line.startsWith('高标准农田,') && line.includes(',已验收,2023,') || line.includes(',2023,'), `row of the farmland project: ${line}`);
    const mu = Number(line.split(',')[5]);
    assert(Math.abs(mu - 800) <= 8, `亩 in the CSV: ${mu}`);
  }],

  ['the map exports as a PNG with title, legend, scale bar and north arrow', async () => {
    const page = await openPage();
    await chooseJinqiao(page);
    await page.waitForTimeout(800);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#cm-png')]);
    assert(download.suggestedFilename().endsWith('.png'), download.suggestedFilename());
    const png = readFileSync(await download.path());
    writeFileSync(join(shots, 'export.png'), png);
    assertEqual(png.subarray(1, 4).toString('latin1'), 'PNG', 'PNG signature');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    assert(width >= 1600 && height >= 1000, `PNG is ${width}×${height}`);
    assert(png.length > 50_000, `PNG is only ${png.length} bytes`);
    const stats = await page.evaluate(async (data) => {
      const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], { type: 'image/png' }));
      const c = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = c.getContext('2d');
      ctx.drawImage(bitmap, 0, 0);
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      const colours = new Set();
      let notWhite = 0;
      for (let i = 0; i < px.length; i += 16) {
        colours.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
        if (px[i] + px[i + 1] + px[i + 2] < 740) notWhite++;
      }
      return { colours: colours.size, notWhite: notWhite / (px.length / 16) };
    }, png.toString('base64'));
    assert(stats.colours > 50, `PNG has only ${stats.colours} colours`);
    assert(stats.notWhite > 0.3, `PNG is mostly blank (${(stats.notWhite * 100).toFixed(1)}% drawn)`);
  }],

  ['a link to an unknown street shows the server\'s explanation', async () => {
    const page = await openPage('#tab=browser&street=120110999000');
    const toast = page.locator('.cm-toast');
    await toast.waitFor({ timeout: 10000 });
    const problem = await (await fetch(`${base}/api/streets/120110999000/projects`)).json();
    assert(problem.detail, 'the API answers with a problem detail');
    assertEqual(await toast.textContent(), `出错了：${problem.detail}`, 'message shown');
  }],

  ['forest plots can be coloured by species', async () => {
    const page = await openPage('#layers=forest_plots');
    await page.check('input[name=forest-mode][value=species]');
    const legend = await page.locator('.cm-layer[data-layer=forest_plots] .cm-legend').textContent();
    for (const name of ['杨树', '柳树', '白蜡', '国槐', '刺槐']) assert(legend.includes(name), `species legend lacks ${name}: ${legend}`);
    assertEqual((await hashParams(page)).forest, 'species', 'colouring in the URL');
  }],

  ['without a configured GeoServer the switcher has no WMS group and nothing is asked of one', async () => {
    const page = await openPage();
    assertEqual(await page.locator('.cm-wms-group').count(), 0, 'GeoServer WMS groups');
  }],

  ['with a GeoServer configured the switcher offers its seven WMS layers, requested only when switched on', async () => {
    const context = await isolatedContext(browser, base);
    contexts.push(context);
    const page = await context.newPage();
    // a GeoServer stand-in on the same origin: /api/config names it, its tiles are a transparent PNG
    const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const wms = [];
    await page.route(`${base}/api/config`, async (route) => {
      const config = await (await route.fetch()).json();
      await route.fulfill({ json: { ...config, geoserver: { url: `${base}/geoserver-standin/`, workspace: 'carbonmap' } } });
    });
    await page.route(`${base}/geoserver-standin/**`, (route) => {
      wms.push(new URL(route.request().url()));
      return route.fulfill({ status: 200, contentType: 'image/png', body: PNG });
    });
    await page.goto(`${base}/`);
    await page.waitForSelector('body[data-ready=true]', { timeout: 30000 });
    const group = page.locator('.cm-wms-group');
    assertEqual(await group.locator('legend').textContent(), 'GeoServer WMS 图层', 'group title');
    assertEqual(await group.locator('input[data-wms-layer]').count(), 7, 'WMS layers');
    assertEqual(await group.locator('.cm-layer-title').first().textContent(), '生态屏障管控区', 'first WMS layer');
    await page.waitForTimeout(500);
    assertEqual(wms.length, 0, 'GeoServer requests before a layer is switched on');
    await page.check('input[data-wms-layer=forest_plots]');
    await page.waitForSelector('.cm-wms-forest_plots img.leaflet-tile', { timeout: 10000 });
    assert(wms.length > 0, 'no WMS request after switching forest plots on');
    await shot(page, 'geoserver-wms');
    for (const url of wms) {
      assertEqual(url.pathname, '/geoserver-standin/carbonmap/wms', 'the workspace WMS endpoint');
      const q = Object.fromEntries([...url.searchParams].map(([k, v]) => [k.toUpperCase(), v]));
      assertEqual(q.REQUEST, 'GetMap', 'request');
      assertEqual(q.LAYERS, 'carbonmap:forest_plots', 'layer');
      assertEqual(q.TRANSPARENT, 'true', 'transparency');
      assertEqual(q.FORMAT, 'image/png', 'format');
    }
    await page.uncheck('input[data-wms-layer=forest_plots]');
    assertEqual(await page.locator('.cm-wms-forest_plots').count(), 0, 'the WMS layer after switching it off');
  }],

  ['the language switches to English and stays after a reload', async () => {
    const page = await openPage('#tab=indicators');
    await page.click('#cm-lang');
    assertEqual(await page.locator('.cm-header h1').textContent(), 'Dongli District Carbon Sink and Spatial Planning Map', 'title');
    assertEqual(await page.locator('.cm-tabs button[data-tab=layers]').textContent(), 'Layers', 'tab');
    assert((await page.locator('.cm-dashboard').textContent()).includes('Carbon-peak plan indicators'), 'dashboard heading');
    assertEqual((await hashParams(page)).lang, 'en', 'language in the URL');
    await shot(page, 'english');
    const page2 = await openPage(await page.evaluate(() => location.hash));
    assertEqual(await page2.locator('.cm-tabs button[data-tab=browser]').textContent(), 'Projects', 'tab after reload');
  }],

  ['a tablet (1024×768) shows map and panel side by side', async () => {
    const page = await openPage('#tab=browser', { width: 1024, height: 768 });
    const map = await page.locator('#map').boundingBox();
    const panel = await page.locator('.cm-panel').boundingBox();
    assert(map.width >= 600 && panel.x >= map.x + map.width - 1 && panel.x + panel.width <= 1024, `map ${JSON.stringify(map)} panel ${JSON.stringify(panel)}`);
    await shot(page, 'tablet');
  }],
];

await runAndExit(tests, browser, contexts);
