import type { StreetProject } from '../api/types';
import { formatNumber, lang, t, valueName } from '../i18n';

/** m² in one 亩 (mu): 10,000/15. */
export const M2_PER_MU = 10_000 / 15;

/** A project's name in the current language (the server's titles of rooftops and plots are Chinese). */
export function projectTitle(p: StreetProject): string {
  if (lang() === 'zh') return p.title;
  const props = p.properties;
  if (p.layer === 'pv_rooftops') return `${valueName('building_use', props.building_use, 'en')} rooftop #${p.id}`;
  if (p.layer === 'forest_plots') return `${props.plot_code ?? p.id} ${valueName('species', props.species, 'en')}`;
  return p.title;
}

export const statusName = (status: string | null) => (status ? valueName('status', status, lang()) : '');
export const typeName = (layer: string) => valueName('layer', layer, lang());

/** The list as CSV for Excel: UTF-8 with a byte order mark (so Chinese opens right), CRLF, quoted fields. */
export function projectsCsv(projects: StreetProject[]): string {
  const header = [t('browser.col.type'), t('browser.col.title'), t('browser.col.status'), t('browser.col.year'),
    t('browser.col.areaM2'), t('browser.col.area'), t('browser.col.lon'), t('browser.col.lat'), t('browser.col.id')];
  const rows = projects.map((p) => [typeName(p.layer), projectTitle(p), statusName(p.status), p.year ?? '',
    p.areaM2.toFixed(1), (p.areaM2 / M2_PER_MU).toFixed(2), p.center[0].toFixed(6), p.center[1].toFixed(6),
    `${p.layer}:${p.id}`]);
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

function csvField(v: string | number): string {
  let s = String(v);
  // a cell starting with = + - @ would be run as a formula by Excel: data is shown, never evaluated
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The area in 亩 as the list shows it. */
export const formatMu = (m2: number) => formatNumber(m2 / M2_PER_MU, m2 / M2_PER_MU < 10 ? 2 : 1);

/** Saves a blob under a file name (the browser's download). */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
