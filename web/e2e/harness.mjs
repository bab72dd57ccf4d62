// A small end-to-end harness: playwright-core driving Debian's Chromium against a running CarbonMap.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
export const LAUNCH_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Reads `--name value` options. */
export function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's package "chromium" (apt-get install chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
}

/**
 * A browser context that may reach only the server under test: every other host is refused and remembered, so a
 * test run never touches the internet (no tiles, no CDN) and can tell if the page tried to. `options` go to
 * Playwright's newContext (e.g. `{ hasTouch: true }` for a tablet).
 */
export async function isolatedContext(browser, base, viewport = { width: 1366, height: 768 }, options = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'zh-CN', ...options });
  const origin = new URL(base).origin;
  context.externalRequests = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    context.externalRequests.push(url);
    return route.abort('blockedbyclient');
  });
  return context;
}

/**
 * A new page of the context at `url`, once the application says it is ready; its page errors, console errors and
 * dialogs are collected in `page.errors` (a test asserts it empty).
 */
export async function openWatchedPage(context, url) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(`console: ${m.text()}`); });
  page.on('dialog', (d) => { page.errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(url);
  await page.waitForSelector('body[data-ready=true]', { timeout: 30000 });
  return page;
}

export class AssertionError extends Error {}

export function assert(condition, message) {
  if (!condition) throw new AssertionError(message);
}

export function assertEqual(actual, expected, message) {
  if (actual !== expected) {
    throw new AssertionError(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** Runs the named tests one after another; prints each and the closing "N passed, N failed" line. */
export async function runAll(tests) {
  let passed = 0;
  let failed = 0;
  for (const [name, fn] of tests) {
    const started = Date.now();
    try {
      await fn();
      passed++;
      console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`  ✗ ${name} (${Date.now() - started} ms)\n      ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n      ')}`);
    }
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0;
}

/**
 * Runs the tests (only those whose name contains --only, if given), fails the run if any page asked another host,
 * closes the browser and exits 0 when everything passed, else 1.
 */
export async function runAndExit(tests, browser, contexts) {
  const only = option('only', null);
  let ok = false;
  try {
    ok = await runAll(only ? tests.filter(([name]) => name.includes(only)) : tests);
    const external = contexts.flatMap((c) => c.externalRequests);
    if (external.length) {
      console.log(`  ✗ requests to other hosts were attempted: ${[...new Set(external)].slice(0, 5).join(', ')}`);
      ok = false;
    }
  } finally {
    await browser.close();
  }
  process.exit(ok ? 0 : 1);
}

export function ensureDir(dir) {
  mkdirSync(dir, { recursive: true });
  return dir;
}
