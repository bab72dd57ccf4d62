// The client's paging of features: keyset pages, each after the last feature of the one before.
import { afterEach, test, vi } from 'vitest';
import assert from 'node:assert/strict';
import { api, featuresUrl, MAX_PAGE } from '../src/api/client';

afterEach(() => vi.unstubAllGlobals());

/** A server of `total` features with ids 10, 20, 30…, answering `after` as the features API does. */
function serve(total: number): string[] {
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    asked.push(url);
    const q = new URL(url, 'http://localhost').searchParams;
    assert.equal(q.get('offset'), null, 'the client pages by after, never by offset');
    const after = Number(q.get('after'));
    const limit = Number(q.get('limit'));
    const ids = Array.from({ length: total }, (_, i) => (i + 1) * 10).filter((id) => id > after).slice(0, limit);
    const features = ids.map((id) => ({ type: 'Feature', id, geometry: null, properties: {} }));
    return new Response(JSON.stringify({ type: 'FeatureCollection', features }), { status: 200 });
  });
  return asked;
}

test('every feature is fetched once, each page starting after the last id of the one before', async () => {
  const asked = serve(2 * MAX_PAGE + 3);
  const features = await api.allFeatures('forest_plots', { bbox: [117.4, 39.1, 117.5, 39.2] });
  assert.equal(features.length, 2 * MAX_PAGE + 3);
  assert.equal(new Set(features.map((f) => f.id)).size, features.length);
  assert.deepEqual(asked.map((u) => new URL(u, 'http://localhost').searchParams.get('after')),
    ['0', String(MAX_PAGE * 10), String(2 * MAX_PAGE * 10)]);
});

test('a layer that fills its last page exactly costs one more, empty, page', async () => {
  const asked = serve(MAX_PAGE);
  assert.equal((await api.allFeatures('zones', {})).length, MAX_PAGE);
  assert.equal(asked.length, 2);
});

test('the address of a page names the box, the page size and where it starts', () => {
  const url = featuresUrl('pv_rooftops', { bbox: [117.1, 39.0, 117.2, 39.1], after: 42, limit: 7000 });
  const q = new URL(url, 'http://localhost').searchParams;
  assert.equal(q.get('after'), '42');
  assert.equal(q.get('limit'), String(MAX_PAGE));
  assert.equal(q.get('bbox'), '117.100000,39.000000,117.200000,39.100000');
});
