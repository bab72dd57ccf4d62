// A measured pan over the rooftops at building zoom (a benchmark command, not a test):
//   node web/e2e/pan-bench.mjs --base http://127.0.0.1:18090 [--zoom 16] [--steps 60] [--step-px 500]
//                              [--settle 250] [--layers pv_rooftops,land_cover,zones,streets] [--width 1366 --height 768]
//                              [--start lat,lon] [--screenshot end.png]
// Loads the map on the district's west edge halfway up (or at --start), drags it east across the district, a row
// further south, back west, and so on, and
// prints the times of the /features requests (p50/p95/max, cancelled ones counted) and the frame times of the page
// during the pan (requestAnimationFrame deltas: p50/p95/max, frames over 50 ms). Meant for the scale-1 data set
// (~36,000 rooftops). Headless Chromium draws the canvas in software: figures are an upper bound for a desktop.
import { isolatedContext, launch, option } from './harness.mjs';

const base = option('base', 'http://127.0.0.1:8080').replace(/\/$/, '');
const zoom = Number(option('zoom', '16'));
const steps = Number(option('steps', '60'));
const stepPx = Number(option('step-px', '500'));
const settle = Number(option('settle', '250'));
const layers = option('layers', 'pv_rooftops,land_cover,forest_plots,parks,farmland,zones,streets');
const viewport = { width: Number(option('width', '1366')), height: Number(option('height', '768')) };
const screenshot = option('screenshot', null);

const pct = (values, p) => {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (v) => `${Number.isFinite(v) ? v.toFixed(1) : '—'} ms`;

const catalogue = await (await fetch(`${base}/api/layers`)).json();
const rooftops = catalogue.find((l) => l.name === 'pv_rooftops');
const extent = catalogue.find((l) => l.name === 'streets')?.extent ?? rooftops?.extent;
if (!extent) throw new Error('no extent: is the sample data loaded?');
console.log(`CarbonMap pan benchmark: ${base}, ${rooftops?.featureCount ?? 0} rooftops, zoom ${zoom}, `
  + `${steps} drags of ${stepPx} px, viewport ${viewport.width}×${viewport.height}`);

const browser = await launch();
const context = await isolatedContext(browser, base, viewport);
const page = await context.newPage();
const requests = [];
let cancelled = 0;
page.on('requestfinished', async (req) => {
  if (!req.url().includes('/features')) return;
  const t = req.timing();
  const sizes = await req.sizes().catch(() => null);
  requests.push({ ms: t.responseEnd, bytes: sizes?.responseBodySize ?? 0, url: req.url() });
});
page.on('requestfailed', (req) => { if (req.url().includes('/features')) cancelled++; });

const [west, south, east, north] = extent;
const start = option('start', `${((south + north) / 2).toFixed(5)},${(west + 0.01).toFixed(5)}`);
await page.goto(`${base}/#layers=${layers}&z=${zoom}&c=${start}`);
await page.waitForSelector('body[data-ready=true]', { timeout: 60000 });
await page.waitForLoadState('networkidle');
const initial = requests.length;
requests.length = 0;

await page.evaluate(() => {
  window.__frames = [];
  let last = performance.now();
  const tick = (now) => { window.__frames.push(now - last); last = now; if (!window.__stop) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
});

const box = await page.locator('#map').boundingBox();
const cx = box.x + box.width / 2;
const cy = box.y + box.height / 2;
/** Drags the map by (dx, dy) pixels the way a hand does: press, 10 moves, release. */
async function drag(dx, dy) {
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(cx - (dx * i) / 10, cy - (dy * i) / 10);
  await page.mouse.up();
}
const lonOf = async () => Number((await page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('c'))).split(',')[1]);

let direction = 1;
const started = Date.now();
for (let i = 0; i < steps; i++) {
  const lon = await lonOf();
  if ((direction > 0 && lon > east - 0.01) || (direction < 0 && lon < west + 0.01)) {
    await drag(0, viewport.height * 0.6);  // next row, further south
    direction = -direction;
  } else {
    await drag(direction * stepPx, 0);
  }
  await page.waitForTimeout(settle);
}
const panMs = Date.now() - started;
const frames = await page.evaluate(() => { window.__stop = true; return window.__frames.slice(1); });
await page.waitForLoadState('networkidle').catch(() => undefined);
if (screenshot) await page.screenshot({ path: screenshot });
await browser.close();

const times = requests.map((r) => r.ms).filter((v) => v >= 0);
const bytes = requests.reduce((a, r) => a + r.bytes, 0);
console.log(`initial view: ${initial} /features requests`);
console.log(`pan: ${(panMs / 1000).toFixed(1)} s, ${requests.length} /features requests completed, ${cancelled} cancelled as stale, `
  + `${(bytes / 1024 / 1024).toFixed(1)} MiB received`);
console.log(`/features request time: p50 ${ms(pct(times, 50))}, p95 ${ms(pct(times, 95))}, max ${ms(Math.max(...times))}`);
console.log(`frame time during the pan: p50 ${ms(pct(frames, 50))}, p95 ${ms(pct(frames, 95))}, max ${ms(Math.max(...frames))}, `
  + `${frames.filter((f) => f > 50).length} of ${frames.length} frames over 50 ms`);
