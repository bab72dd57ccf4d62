// CarbonMap's "where to act" views of the scenario tab (差距与候选 = GapView, 光伏潜力 = PvView, issue 13) in a real
// browser at 1440×900, against a real server with the Dongli sample data:
//   node web/e2e/where.mjs --base http://127.0.0.1:18190 [--password <admin password>] [--only text]
// The admin password also comes from CARBONMAP_ADMIN_PASSWORD. The tests create a scenario with drafts and change (then
// restore) a PV parameter: run them on a fresh data directory (WhereEndToEndTest does). Every expected figure comes
// from the API in the same run, fetched from the signed-in page. Screenshots: web/e2e/screenshots/where-*.png.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, assertEqual, ensureDir, isolatedContext, launch, openWatchedPage, option, runAndExit } from './harness.mjs';

const base = option('base', 'http://127.0.0.1:8080').replace(/\/$/, '');
const password = option('password', process.env.CARBONMAP_ADMIN_PASSWORD ?? '');
const shots = ensureDir(option('screenshots', join(dirname(fileURLToPath(import.meta.url)), 'screenshots')));
const run = Date.now().toString(36).slice(-5);
const VIEWPORT = { width: 1440, height: 900 };
const YIELD = 'annual_yield_kwh_per_kwp';

// ---- the numbers as the views write them (zh-CN)
const zhNumber = (v, d = 0) => v.toLocaleString('zh-CN', { minimumFractionDigits: d, maximumFractionDigits: d });
const haMu = (m2) => {
  const ha = m2 / 10_000;
  const mu = m2 / (10_000 / 15);
  return `${zhNumber(ha, ha < 10 ? 2 : 1)}\u00a0公顷\u200b（${zhNumber(mu, mu < 10 ? 1 : 0)}\u00a0亩）`;
};
const formatHa = (m2) => `${zhNumber(m2 / 10_000, 2)}\u00a0公顷`;
// the PV table names its unit in each column's header: kWp whole, energy in MWh/yr with one decimal
const formatKwp = (kwp) => zhNumber(kwp, 0);
const formatMwh = (kwh) => zhNumber(kwh / 1000, 1);
const gapText = (a) => (a.gapM2 > 0 ? `缺口 ${haMu(a.gapM2)}` : '已达标，无缺口');
function closingText(a) {
  const c = a.closingSet;
  if (a.gapM2 <= 0) return '无缺口，无需补齐';
  if (c.count === 0) return '没有可用的候选地块';
  // farmland is planned in 亩
  const area = a.indicator === 'farmlandMu' ? haMu : formatHa;
  const head = `${zhNumber(c.count)} 处候选地块新增 ${area(c.addedM2)}`;
  return c.closesGap ? `${head}，可补齐缺口` : `${head}，仍差 ${area(c.remainingGapM2)}`;
}
// what the candidate table calls a layer and a candidate's state (zh-CN)
const LAYER_ZH = { land_cover: '土地覆盖', forest_plots: '森林小班', farmland: '高标准农田' };
const FROM_ZH = { bare: '裸地', grassland: '草地', cropland: '耕地', orchard: '园地', planned: '规划', under_construction: '在建' };
const fromZh = (f) => (f.attribute === 'canopy_closure' ? `郁闭度 ${zhNumber(f.value, 2)}` : FROM_ZH[f.value]);

// ---- the browser
const browser = await launch();
const contexts = [];

async function openPage(hash = '') {
  const context = await isolatedContext(browser, base, VIEWPORT);
  contexts.push(context);
  return openWatchedPage(context, `${base}/${hash}`);
}
const shot = (page, name) => page.screenshot({ path: join(shots, `where-${name}.png`) });
const hashParams = (page) => page.evaluate(() => Object.fromEntries(new URLSearchParams(location.hash.slice(1))));
/** Page errors and console errors, except the 422 the tests provoke on purpose (the browser logs the failed PUT). */
const noErrors = (...pages) => assertEqual(pages.flatMap((p) => p.errors)
  .filter((e) => !(e.startsWith('console: Failed to load resource') && e.includes('422'))).join('; '), '', 'page and console errors');

/** The API as the signed-in page sees it (its session cookie): status and parsed body. */
async function pageCall(page, method, path, body) {
  return page.evaluate(async ([m, p, b]) => {
    // the session's CSRF token, as the web application sends it
    const xsrf = decodeURIComponent(document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='))?.slice(11) ?? '');
    const r = await fetch(p, { method: m, body: b ? JSON.stringify(b) : undefined, credentials: 'same-origin',
      headers: { ...(b ? { 'Content-Type': 'application/json' } : {}), 'X-XSRF-TOKEN': xsrf } });
    const text = await r.text();
    let parsed = null;
    try { parsed = text ? JSON.parse(text) : null; } catch { parsed = text; }
    return { status: r.status, body: parsed };
  }, [method, path, body ?? null]);
}
async function pageJson(page, path) {
  const r = await page.evaluate(async (p) => {
    const res = await fetch(p, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    return { status: res.status, text: await res.text() };
  }, path);
  if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.text}`);
  return JSON.parse(r.text);
}

async function signIn(page) {
  await page.click('#cm-login');
  await page.fill('#cm-login-username', 'admin');
  await page.fill('#cm-login-password', password);
  await page.click('#cm-login-submit');
  await page.waitForSelector('#cm-user-button', { timeout: 10000 });
}
const tab = (page) => page.locator('section.cm-scenario-panel[data-tab=scenario]');
async function openSignedIn(hash) {
  const page = await openPage(hash);
  await signIn(page);
  await page.waitForSelector('.cm-tabs button[data-tab=scenario]');
  return page;
}

/** A unit's target of an indicator in a metrics answer. */
const targetOf = (metrics, unit, code, indicator) => metrics.find((u) => u.unit === unit && u.code === code)
  ?.targets.find((t) => t.indicator === indicator);

const state = { level: null, indicator: null, before: null, scenario: null };

const tests = [
  ['差距与候选: the level-1 control zone shows the gap and the closing set as /api/candidates gives them', async () => {
    assert(password, 'the admin password is needed (--password or CARBONMAP_ADMIN_PASSWORD)');
    const page = await openSignedIn('#tab=scenario&scv=gap');
    await tab(page).locator('[data-testid=where-gap] [data-testid=where-unit]').waitFor();
    assertEqual(await tab(page).locator('.cm-subtabs button.active').getAttribute('data-view'), 'gap', 'the sub-view of scv=gap');
    const metrics = await pageJson(page, '/api/metrics?unit=all');
    const level = metrics.filter((u) => u.unit === 'level').sort((a, b) => a.code.localeCompare(b.code))[0];
    assert(level && level.code === 'L1', `the level-1 control zone in /api/metrics: ${JSON.stringify(level?.code)}`);
    state.level = level;
    assertEqual(level.name, '一级管控区', 'the level-1 control zone\'s name');
    // both indicators as the view shows them; the later tests use the one whose gap a closing set narrows
    await page.selectOption('[data-testid=where-unit]', `level:${level.code}`);
    let answer = null;
    for (const indicator of ['blueGreenShare', 'forestCover']) {
      const a = await pageJson(page, `/api/candidates?unit=level&code=${level.code}&indicator=${indicator}`);
      await page.selectOption('[data-testid=where-indicator]', indicator);
      await page.waitForFunction((text) => document.querySelector('[data-testid=where-gap-text]')?.textContent === text,
        gapText(a), { timeout: 15000 }).catch(async () => {
        throw new Error(`${indicator}: the view shows ${await tab(page).locator('[data-testid=where-gap-text]').textContent().catch(() => '(nothing)')}, the API ${gapText(a)}`);
      });
      assertEqual(await tab(page).locator('[data-testid=where-closing]').textContent(), closingText(a), `${indicator}: the closing set shown`);
      if (!answer && a.gapM2 > 0 && a.closingSet.count > 0) { answer = a; state.indicator = indicator; }
    }
    assert(answer, 'the level-1 zone has a gap with candidate sites for blue-green share or forest cover');
    state.before = answer;
    await page.selectOption('[data-testid=where-indicator]', state.indicator);
    await tab(page).locator('[data-testid=where-summary]').waitFor({ timeout: 15000 });
    assertEqual(await tab(page).locator('[data-testid=where-gap-text]').textContent(), gapText(answer), 'the gap shown');
    assertEqual(await tab(page).locator('[data-testid=where-closing]').textContent(), closingText(answer), 'the closing set shown');
    // the closing set's sites are the rows marked in the table, in the API's order
    const marked = await tab(page).locator('[data-testid=where-candidates] tbody tr.cm-where-in-set').evaluateAll((trs) => trs.map((tr) => tr.dataset.id));
    const ids = answer.closingSet.ids.map((i) => `${i.layer}.${i.id}`);
    const listed = new Set(answer.candidates.map((c) => `${c.layer}.${c.id}`));
    assertEqual(marked.join(','), ids.filter((i) => listed.has(i)).join(','), 'the rows of the closing set');
    const added = answer.candidates.filter((c) => c.inClosingSet).reduce((s, c) => s + c.addedM2, 0);
    if (answer.closingSet.ids.every((i) => listed.has(`${i.layer}.${i.id}`))) {
      assert(Math.abs(added - answer.closingSet.addedM2) < 0.01, `the set's sites add ${added} m², the set says ${answer.closingSet.addedM2}`);
    }
    const p = await hashParams(page);
    assertEqual(p.scv, 'gap', 'scv in the URL');
    await page.waitForFunction(() => [...document.querySelectorAll('.cm-map-legend h4')].length > 0);
    await shot(page, 'gap');
    noErrors(page);
  }],

  ['差距与候选, 高标准农田: the district\'s gap in 亩 and its candidates by layer and state; a street closes the district\'s gap', async () => {
    const page = await openSignedIn('#tab=scenario&scv=gap');
    await tab(page).locator('[data-testid=where-gap] [data-testid=where-unit]').waitFor();
    const metrics = await pageJson(page, '/api/metrics?unit=all');
    const district = metrics.find((u) => u.unit === 'district');
    const street = metrics.filter((u) => u.unit === 'street').sort((a, b) => a.code.localeCompare(b.code))[0];
    await page.selectOption('[data-testid=where-indicator]', 'farmlandMu');
    const shown = [];
    for (const u of [district, street]) {
      const a = await pageJson(page, `/api/candidates?unit=${u.unit}&code=${u.code}&indicator=farmlandMu`);
      assertEqual(a.targetUnit, 'mu', `${u.code}: the farmland target is in 亩`);
      await page.selectOption('[data-testid=where-unit]', `${u.unit}:${u.code}`);
      await page.waitForFunction((text) => document.querySelector('[data-testid=where-gap-text]')?.textContent === text,
        gapText(a), { timeout: 15000 }).catch(async () => {
        throw new Error(`${u.code}: the view shows ${await tab(page).locator('[data-testid=where-gap-text]').textContent().catch(() => '(nothing)')}, the API ${gapText(a)}`);
      });
      assertEqual(await tab(page).locator('[data-testid=where-closing]').textContent(), closingText(a), `${u.code}: the closing set shown`);
      const summary = await tab(page).locator('[data-testid=where-summary]').textContent();
      assert(summary.includes(`${zhNumber(a.target)}\u00a0亩（${a.targetYear} 年）`), `${u.code}: the target in 亩 in ${summary}`);
      // the first rows: the layer by its title, what the site is now in words
      const rows = await tab(page).locator('[data-testid=where-candidates] tbody tr').evaluateAll((trs) => trs.slice(0, 5)
        .map((tr) => [...tr.children].map((td) => td.textContent)));
      assert(rows.length > 0 || a.candidates.length === 0, `${u.code}: candidate rows`);
      rows.forEach((cells, i) => {
        const c = a.candidates[i];
        assertEqual(cells[1], LAYER_ZH[c.layer], `${u.code} row ${i + 1}: the layer`);
        assertEqual(cells[3], fromZh(c.from), `${u.code} row ${i + 1}: what it is now`);
        assert(c.layer === 'farmland' ? ['planned', 'under_construction'].includes(c.from.value) : c.from.value === 'cropland',
          `${u.code} row ${i + 1}: a project still to build or cropland, not ${JSON.stringify(c.from)}`);
      });
      shown.push(a);
    }
    assertEqual(shown[0].targetFrom, 'plan', 'the district has its own farmland target');
    assertEqual(shown[1].targetFrom, 'plan-district', 'a street measures its candidates against the district\'s target');
    assertEqual(shown[1].gapM2, shown[0].gapM2, 'a street\'s gap is the district\'s');
    assert((await tab(page).locator('[data-testid=where-summary]').textContent()).includes('全区规划目标'), 'the street says its target is the district\'s');
    await shot(page, 'farmland');
    noErrors(page);
  }],

  ['差距与候选: the xlsx and csv links download the candidates with their content types', async () => {
    assert(state.before, 'needs the first test');
    const page = await openSignedIn('#tab=scenario&scv=gap');
    await page.selectOption('[data-testid=where-unit]', `level:${state.level.code}`);
    if (state.indicator !== 'blueGreenShare') await page.selectOption('[data-testid=where-indicator]', state.indicator);
    await tab(page).locator('[data-testid=where-summary]').waitFor({ timeout: 15000 });
    for (const [id, format, type] of [['where-xlsx', 'xlsx', 'spreadsheetml.sheet'], ['where-csv', 'csv', 'text/csv']]) {
      const link = tab(page).locator(`[data-testid=${id}]`);
      const href = await link.getAttribute('href');
      assert(href.startsWith(`/api/candidates.${format}?`) && href.includes(`code=${state.level.code}`) && href.includes(`indicator=${state.indicator}`), `${format} link ${href}`);
      const r = await page.request.get(base + href);
      assertEqual(r.status(), 200, `${format} export`);
      assert((r.headers()['content-type'] ?? '').includes(type), `${format} content type ${r.headers()['content-type']}`);
      assert(/attachment/.test(r.headers()['content-disposition'] ?? ''), `${format} is an attachment: ${r.headers()['content-disposition']}`);
      const body = await r.body();
      assert(body.length > 100, `${format} export is not empty (${body.length} bytes)`);
      if (format === 'xlsx') assertEqual(body.subarray(0, 2).toString('latin1'), 'PK', 'the xlsx is a zip');
      else {
        const first = state.before.candidates[0];
        assert(body.toString('utf8').includes(String(first.id)), `the csv lists the first candidate ${first.layer}.${first.id}`);
      }
      // and a click on it is a download
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      assert(download.suggestedFilename().endsWith(`.${format}`), `the downloaded file's name ${download.suggestedFilename()}`);
    }
    noErrors(page);
  }],

  ['加入情景 (new scenario): drafts are created, the scenario\'s gap is smaller, live /api/metrics unchanged', async () => {
    assert(state.before, 'needs the first test');
    const page = await openSignedIn('#tab=scenario&scv=gap');
    const { code } = state.level;
    const liveBefore = targetOf(await pageJson(page, '/api/metrics?unit=zones'), 'level', code, state.indicator);
    assert(liveBefore?.gap, `the live gap of ${code}: ${JSON.stringify(liveBefore)}`);
    await page.selectOption('[data-testid=where-unit]', `level:${code}`);
    if (state.indicator !== 'blueGreenShare') await page.selectOption('[data-testid=where-indicator]', state.indicator);
    await tab(page).locator('[data-testid=where-summary]').waitFor({ timeout: 15000 });
    const form = tab(page).locator('.cm-where-to-scenario');
    await page.selectOption('[data-testid=where-target-scenario]', 'new');
    // a name is required
    await form.locator('[data-action=candidates-to-scenario]').click();
    assert((await form.locator('.cm-form-error').textContent()).length > 0, 'a missing name is said');
    const name = `一级管控区补齐-${run}`;
    await page.fill('[data-testid=where-new-name]', name);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/candidates/drafts') && r.request().method() === 'POST'),
      form.locator('[data-action=candidates-to-scenario]').click()]);
    assertEqual(response.status(), 201, 'POST /api/candidates/drafts');
    const made = await response.json();
    const id = made.scenario.id;
    state.scenario = id;
    assertEqual(made.drafts.length, state.before.closingSet.count, 'a draft per site of the closing set');
    await page.waitForFunction((s) => new URLSearchParams(location.hash.slice(1)).get('scenario') === String(s), id, { timeout: 15000 });
    const s = await pageJson(page, `/api/scenarios/${id}`);
    assertEqual(s.name, name, 'the new scenario\'s name');
    // the scenario's figures: the unit's gap is smaller; live ones did not move
    const inScenario = targetOf(await pageJson(page, `/api/scenarios/${id}/metrics?unit=zones`), 'level', code, state.indicator);
    const liveAfter = targetOf(await pageJson(page, '/api/metrics?unit=zones'), 'level', code, state.indicator);
    assertEqual(JSON.stringify(liveAfter), JSON.stringify(liveBefore), `live /api/metrics for ${code}`);
    assert((inScenario.gap?.missing ?? 0) < liveBefore.gap.missing,
      `the scenario's gap ${JSON.stringify(inScenario.gap)} is smaller than live ${JSON.stringify(liveBefore.gap)}`);
    const candidatesNow = await pageJson(page, `/api/candidates?unit=level&code=${code}&indicator=${state.indicator}`);
    assertEqual(candidatesNow.gapM2, state.before.gapM2, 'the live candidates answer\'s gap');
    // the view shows the scenario's gap now, as /api/candidates?scenario= gives it
    const scenarioAnswer = await pageJson(page, `/api/candidates?unit=level&code=${code}&indicator=${state.indicator}&scenario=${id}`);
    assert(scenarioAnswer.gapM2 < state.before.gapM2, `the scenario's candidate gap ${scenarioAnswer.gapM2} < ${state.before.gapM2}`);
    await page.click('.cm-subtabs button[data-view=gap]');
    await page.waitForFunction((text) => document.querySelector('[data-testid=where-gap-text]')?.textContent === text,
      gapText(scenarioAnswer), { timeout: 15000 }).catch(async () => {
      throw new Error(`the gap view in the scenario shows ${await tab(page).locator('[data-testid=where-gap-text]').textContent().catch(() => '(nothing)')}, `
        + `the API says ${gapText(scenarioAnswer)}`);
    });
    await shot(page, 'gap-scenario');
    noErrors(page);
  }],

  ['光伏潜力 per street: the rows are /api/pv/potential\'s (names, roofs without PV, kWp), a street\'s roofs ranked', async () => {
    const page = await openSignedIn('#tab=scenario&scv=pv');
    await tab(page).locator('[data-testid=pv-table] tbody tr').first().waitFor({ timeout: 15000 });
    assertEqual(await page.locator('[data-testid=pv-unit]').inputValue(), 'streets', 'streets by default');
    const api = await pageJson(page, '/api/pv/potential?unit=streets');
    assert(api.rows.length > 0, 'the API has street rows');
    const rows = await tab(page).locator('[data-testid=pv-table] tbody tr').evaluateAll((trs) => trs.map((tr) => ({
      code: tr.dataset.code, name: tr.querySelector('th')?.textContent,
      cells: [...tr.querySelectorAll('td')].map((td) => td.textContent) })));
    assertEqual(rows.map((r) => r.code).join(','), api.rows.map((r) => r.code).join(','), 'the streets, in order');
    api.rows.forEach((r, i) => {
      const c = rows[i].cells;
      assertEqual(rows[i].name, r.name, `${r.code}: name`);
      assertEqual(c[0], formatKwp(r.installedKwp), `${r.code}: installed kWp`);
      assertEqual(c[1], formatKwp(r.potentialKwp), `${r.code}: potential kWp`);
      assertEqual(c[3], formatMwh(r.potentialKwhPerYear), `${r.code}: potential MWh`);
      assertEqual(c[5], zhNumber(r.roofsWithoutPv), `${r.code}: roofs without PV`);
    });
    assert(api.rows.some((r) => r.roofsWithoutPv > 0 && r.potentialKwp > 0), 'some street has roofs to equip');

    // a street's row ranks its roofs without PV, largest first, those reaching the target by count marked and drawn
    const street = api.rows.filter((r) => r.roofsWithoutPv > 1).sort((a, b) => b.roofsWithoutPv - a.roofsWithoutPv)[0];
    assert(street, 'a street with more than one roof without PV');
    await tab(page).locator(`[data-testid=pv-table] tbody tr[data-code="${street.code}"]`).click();
    await tab(page).locator(`[data-testid=pv-roofs][data-code="${street.code}"] [data-testid=pv-roofs-table]`).waitFor({ timeout: 15000 });
    const ranked = await pageJson(page, `/api/pv/roofs?unit=street&code=${street.code}&limit=200`);
    assertEqual(ranked.count, street.roofsWithoutPv, 'the ranked roofs are the street\'s roofs without PV');
    assert(ranked.roofs.every((r, i) => i === 0 || ranked.roofs[i - 1].usableM2 >= r.usableM2), 'largest usable area first');
    const shown = await tab(page).locator('[data-testid=pv-roofs-table] tbody tr').evaluateAll((trs) => trs.map((tr) => ({
      id: tr.dataset.id, inSet: tr.classList.contains('cm-where-in-set') })));
    assertEqual(shown.map((r) => r.id).join(','), ranked.roofs.map((r) => String(r.id)).join(','), 'the roofs, in rank order');
    assertEqual(shown.filter((r) => r.inSet).length, Math.min(ranked.targetRoofs, ranked.roofs.length), 'the roofs marked for the target');
    assertEqual(shown.filter((r) => r.inSet).map((r) => r.id).join(','),
      ranked.roofs.slice(0, ranked.targetRoofs).map((r) => String(r.id)).join(','), 'the target set is the largest roofs');
    assertEqual(ranked.targetRoofs, street.toTarget.byCount.roofs, 'the target set has as many roofs as the row says (by count)');
    // by area: the first targetRoofsByArea roofs, as many as the row says, marked once that set is chosen
    assertEqual(ranked.targetRoofsByArea, street.toTarget.byArea.roofs, 'the area set has as many roofs as the row says (by area)');
    await page.selectOption('[data-testid=pv-roofs-set]', 'byArea');
    const byArea = await tab(page).locator('[data-testid=pv-roofs-table] tbody tr.cm-where-in-set').evaluateAll((trs) => trs.map((tr) => tr.dataset.id));
    assertEqual(byArea.join(','), ranked.roofs.slice(0, ranked.targetRoofsByArea).map((r) => String(r.id)).join(','),
      'the area target set is the largest roofs');
    assertEqual(ranked.roofs.filter((r) => r.inAreaTargetSet).length, Math.min(ranked.targetRoofsByArea, ranked.roofs.length), 'the API marks the area set');
    await page.waitForFunction((name) => document.querySelector('[data-testid=map-legend]')?.textContent.includes(name), `${street.name} 未装光伏的目标屋顶`, { timeout: 10000 });
    for (const [format, type] of [['xlsx', 'spreadsheetml.sheet'], ['csv', 'text/csv']]) {
      const href = await tab(page).locator(`[data-testid=pv-roofs-${format}]`).getAttribute('href');
      assert(href.includes(`code=${street.code}`), `the roofs ${format} export names the street: ${href}`);
      const r = await page.request.get(base + href);
      assertEqual(r.status(), 200, `roofs ${format} export`);
      assert((r.headers()['content-type'] ?? '').includes(type), `roofs ${format} content type ${r.headers()['content-type']}`);
    }
    await tab(page).locator('[data-testid=pv-roofs]').scrollIntoViewIfNeeded();
    await shot(page, 'pv-roofs');
    for (const [format, type] of [['xlsx', 'spreadsheetml.sheet'], ['csv', 'text/csv']]) {
      const href = await tab(page).locator(`[data-testid=where-pv] a[href^="/api/pv/potential.${format}"]`).getAttribute('href');
      const r = await page.request.get(base + href);
      assertEqual(r.status(), 200, `pv ${format} export`);
      assert((r.headers()['content-type'] ?? '').includes(type), `pv ${format} content type ${r.headers()['content-type']}`);
    }
    await shot(page, 'pv');
    noErrors(page);
  }],

  ['光伏潜力: the admin changes the yield, kWh follow in proportion; -5 shows the 422 detail and changes nothing', async () => {
    const page = await openSignedIn('#tab=scenario&scv=pv');
    await tab(page).locator('[data-testid=pv-table] tbody tr').first().waitFor({ timeout: 15000 });
    const before = await pageJson(page, '/api/pv/potential?unit=streets');
    const param = before.parameters.find((p) => p.key === YIELD);
    assert(param && param.value > 0, `the yield parameter: ${JSON.stringify(param)}`);
    const original = { value: param.value, source: param.source };
    const row = tab(page).locator(`[data-testid=pv-parameters] tr[data-key="${YIELD}"]`);
    const input = row.locator(`input[data-param="${YIELD}"]`);
    assertEqual(await input.inputValue(), String(param.value), 'the yield in its field');
    const street = before.rows.find((r) => r.potentialKwp > 0);
    const cell = () => tab(page).locator(`[data-testid=pv-table] tbody tr[data-code="${street.code}"] td`).nth(3);
    assertEqual(await cell().textContent(), formatMwh(street.potentialKwhPerYear), 'the potential kWh before');

    // a new yield, 20 % higher (within its range)
    const next = Math.min(Math.round(param.value * 1.2), param.max ?? Infinity);
    await input.fill(String(next));
    const [put] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/pv/parameters/${YIELD}`) && r.request().method() === 'PUT'),
      row.locator('[data-action=save-pv-parameter]').click()]);
    assertEqual(put.status(), 200, 'PUT the yield');
    const after = await pageJson(page, '/api/pv/potential?unit=streets');
    assertEqual(after.parameters.find((p) => p.key === YIELD).value, next, 'the saved yield');
    const changed = after.rows.find((r) => r.code === street.code);
    const ratio = changed.potentialKwhPerYear / street.potentialKwhPerYear;
    assert(Math.abs(ratio - next / param.value) < 1e-9, `the kWh grew by ${ratio}, the yield by ${next / param.value}`);
    assertEqual(changed.potentialKwp, street.potentialKwp, 'the kWp do not depend on the yield');
    await page.waitForFunction(([code, text]) => document.querySelector(`[data-testid=pv-table] tbody tr[data-code="${code}"] td:nth-child(5)`)?.textContent === text,
      [street.code, formatMwh(changed.potentialKwhPerYear)], { timeout: 15000 });
    for (const r of after.rows) {
      const text = await tab(page).locator(`[data-testid=pv-table] tbody tr[data-code="${r.code}"] td`).nth(3).textContent();
      assertEqual(text, formatMwh(r.potentialKwhPerYear), `${r.code}: the potential kWh after the change`);
    }
    await shot(page, 'pv-yield');

    // -5: the form refuses it before sending (its checks are the server's), and the server answers it 422
    const puts = [];
    page.on('request', (r) => { if (r.method() === 'PUT' && r.url().includes('/api/pv/parameters/')) puts.push(r.url()); });
    const input2 = tab(page).locator(`[data-testid=pv-parameters] input[data-param="${YIELD}"]`);
    await input2.fill('-5');
    await tab(page).locator(`[data-testid=pv-parameters] tr[data-key="${YIELD}"] [data-action=save-pv-parameter]`).click();
    const formError = tab(page).locator(`[data-testid=pv-parameters] tr[data-key="${YIELD}"] .cm-form-error`);
    await page.waitForFunction((k) => document.querySelector(`[data-testid=pv-parameters] tr[data-key="${k}"] .cm-form-error`)?.textContent, YIELD);
    const shownLocal = await formError.textContent();
    assert(shownLocal.includes(String(param.min)) && shownLocal.includes(String(param.max)), `the form's range message: ${shownLocal}`);
    assertEqual(puts.length, 0, 'nothing sent for -5');
    const refused = await pageCall(page, 'PUT', `/api/pv/parameters/${YIELD}`, { value: -5, source: original.source });
    assertEqual(refused.status, 422, `PUT -5: ${JSON.stringify(refused.body)}`);
    assert(refused.body?.detail, `the 422 has a detail: ${JSON.stringify(refused.body)}`);
    // the server's own detail in the form: a page whose answer leaves the range out (as an older form would) sends -5
    await page.route('**/api/pv/potential?*', async (route) => {
      const r = await route.fetch();
      const json = await r.json();
      for (const p of json.parameters) if (p.key === YIELD) { p.min = null; p.max = null; }
      await route.fulfill({ response: r, json });
    });
    await page.selectOption('[data-testid=pv-unit]', 'zones');
    await tab(page).locator('[data-testid=pv-table] tbody tr').first().waitFor({ timeout: 15000 });
    await page.selectOption('[data-testid=pv-unit]', 'streets');
    await tab(page).locator(`[data-testid=pv-table] tbody tr[data-code="${street.code}"]`).waitFor({ timeout: 15000 });
    await tab(page).locator(`[data-testid=pv-parameters] input[data-param="${YIELD}"]`).fill('-5');
    const [bad] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/pv/parameters/${YIELD}`) && r.request().method() === 'PUT'),
      tab(page).locator(`[data-testid=pv-parameters] tr[data-key="${YIELD}"] [data-action=save-pv-parameter]`).click()]);
    assertEqual(bad.status(), 422, 'the server refuses -5');
    await page.waitForFunction(([k, d]) => document.querySelector(`[data-testid=pv-parameters] tr[data-key="${k}"] .cm-form-error`)?.textContent === d,
      [YIELD, refused.body.detail], { timeout: 10000 });
    await tab(page).locator(`[data-testid=pv-parameters] tr[data-key="${YIELD}"]`).scrollIntoViewIfNeeded();
    await shot(page, 'pv-422');
    await page.unroute('**/api/pv/potential?*');
    const unchanged = await pageJson(page, '/api/pv/potential?unit=streets');
    assertEqual(unchanged.parameters.find((p) => p.key === YIELD).value, next, 'the yield after -5');
    assertEqual(unchanged.rows.find((r) => r.code === street.code).potentialKwhPerYear, changed.potentialKwhPerYear, 'the kWh after -5');
    assertEqual(await cell().textContent(), formatMwh(changed.potentialKwhPerYear), 'the kWh shown after -5');

    // restore the original value
    const restored = await pageCall(page, 'PUT', `/api/pv/parameters/${YIELD}`, original);
    assertEqual(restored.status, 200, `restoring the yield: ${JSON.stringify(restored.body)}`);
    const back = await pageJson(page, '/api/pv/potential?unit=streets');
    assertEqual(back.parameters.find((p) => p.key === YIELD).value, original.value, 'the yield restored');
    assertEqual(back.rows.find((r) => r.code === street.code).potentialKwhPerYear, street.potentialKwhPerYear, 'the kWh restored');
    noErrors(page);
  }],
  ['指标 tab: 差距与候选 and 光伏潜力 in folded sections, fetched when unfolded, for anyone who may read the map', async () => {
    assert(state.level, 'needs the first test');
    const page = await openPage('#tab=indicators');
    const asked = [];
    page.on('request', (r) => { if (/\/api\/(candidates|pv\/potential)/.test(r.url())) asked.push(r.url()); });
    const gap = page.locator('[data-testid=dashboard-gap]');
    const pv = page.locator('[data-testid=dashboard-pv]');
    await gap.waitFor();
    assertEqual(await gap.evaluate((d) => d.open), false, '差距与候选 starts folded');
    assertEqual(await pv.evaluate((d) => d.open), false, '光伏潜力 starts folded');
    assertEqual(await gap.locator('summary').textContent(), '差距与候选', 'the fold\'s title');
    await page.waitForTimeout(300);
    assertEqual(asked.length, 0, `nothing fetched while folded: ${asked.join(', ')}`);

    await gap.locator('summary').click();
    await gap.locator('[data-testid=where-unit] option[value="level:L1"]').waitFor({ state: 'attached', timeout: 15000 });
    await gap.locator('[data-testid=where-unit]').selectOption(`level:${state.level.code}`);
    await gap.locator('[data-testid=where-indicator]').selectOption('forestCover');
    const a = await pageJson(page, `/api/candidates?unit=level&code=${state.level.code}&indicator=forestCover`);
    await page.waitForFunction((text) => document.querySelector('[data-testid=dashboard-gap] [data-testid=where-gap-text]')?.textContent === text,
      gapText(a), { timeout: 15000 });
    assertEqual(await gap.locator('[data-testid=where-closing]').textContent(), closingText(a), 'the closing set on the indicators tab');
    assertEqual(await gap.locator('[data-action=candidates-to-scenario]').count(), 0, 'no 加入情景 without an account');
    const legend = page.locator('[data-testid=map-legend]');
    await page.waitForFunction(() => document.querySelector('[data-testid=map-legend]')?.textContent.includes('补齐集合'), null, { timeout: 10000 });

    await pv.locator('summary').click();
    await pv.locator('[data-testid=pv-table] tbody tr').first().waitFor({ timeout: 15000 });
    const potential = await pageJson(page, '/api/pv/potential?unit=streets');
    const codes = await pv.locator('[data-testid=pv-table] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.code));
    assertEqual(codes.join(','), potential.rows.map((r) => r.code).join(','), 'the streets of the PV fold');
    assertEqual(await pv.locator('input[data-param]').count(), 0, 'no parameter fields without an account');
    await gap.scrollIntoViewIfNeeded();
    await shot(page, 'dashboard');

    // another tab: the candidates leave the map and its legend
    await page.click('.cm-tabs button[data-tab=layers]');
    await page.waitForFunction(() => !document.querySelector('[data-testid=map-legend]')?.textContent.includes('补齐集合'), null, { timeout: 10000 });
    assert(!(await legend.textContent()).includes('候选地块'), 'the legend without the candidates');
    noErrors(page);
  }],
];

await runAndExit(tests, browser, contexts);
