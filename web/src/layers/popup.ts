import type { Feature, LayerInfo } from '../api/types';
import { formatNumber, lang, pick, t, valueName } from '../i18n';

/**
 * The content of a feature's popup: its attributes as a table of text nodes. Values are never parsed as HTML, so a
 * property such as `<img src=x onerror=…>` is shown as the characters it is.
 */
export function featurePopup(feature: Feature, layer: LayerInfo | undefined): HTMLElement {
  const root = document.createElement('div');
  root.className = 'cm-popup';
  const heading = document.createElement('h3');
  heading.textContent = layer ? pick(layer.title) : feature.meta?.layer ?? '';
  root.append(heading);

  const table = document.createElement('table');
  const known = new Set<string>();
  for (const a of layer?.attributes ?? []) {
    known.add(a.name);
    const v = feature.properties[a.name];
    if (v === null || v === undefined || v === '') continue;
    table.append(row(pick(a.title), displayValue(a.name, a.type, v)));
  }
  for (const [name, v] of Object.entries(feature.properties)) {
    if (known.has(name) || v === null || v === undefined || typeof v === 'object') continue;
    table.append(row(name, String(v)));
  }
  table.append(row(t('popup.id'), String(feature.id)));
  root.append(table);

  if (feature.meta?.updatedAt) {
    const meta = document.createElement('p');
    meta.className = 'cm-popup-meta';
    // account names come only to signed-in staff; anonymous readers see the date alone
    const at = feature.meta.updatedAt.slice(0, 10);
    meta.textContent = feature.meta.updatedBy ? t('popup.updated', { by: feature.meta.updatedBy, at }) : t('popup.updatedAt', { at });
    root.append(meta);
  }
  return root;
}

function row(label: string, value: string): HTMLTableRowElement {
  const tr = document.createElement('tr');
  const th = document.createElement('th');
  th.textContent = label;
  const td = document.createElement('td');
  td.textContent = value;
  tr.append(th, td);
  return tr;
}

/** An attribute value as text: coded values by name, booleans as 是/否, numbers in the locale's style. */
export function displayValue(name: string, type: string, v: unknown): string {
  if (type === 'enum') return valueName(name, v, lang());
  if (type === 'boolean' || typeof v === 'boolean') return v ? t('popup.yes') : t('popup.no');
  if (type === 'decimal' && typeof v === 'number') return formatNumber(v, Math.abs(v) < 10 ? 2 : 1);
  if (type === 'integer' && typeof v === 'number' && !/year/.test(name)) return formatNumber(v, 0);
  return String(v);
}
