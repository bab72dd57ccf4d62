import { zh } from './zh';
import { en } from './en';

export { valueName, valueCodes } from './values';

/** The UI languages: Simplified Chinese (default) and English. */
export type Lang = 'zh' | 'en';
export type MessageKey = keyof typeof zh;

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { zh, en };
const listeners = new Set<(lang: Lang) => void>();
let current: Lang = 'zh';

export function lang(): Lang {
  return current;
}

/** Switches the language and tells every listener (which re-render their text). */
export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  // (no document when the pure parts are unit-tested in node)
  if (typeof document !== 'undefined') document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  for (const l of listeners) l(next);
}

/** Calls `listener` after every language switch; returns the function that stops it. */
export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The text of `key` in the current language, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = DICTIONARIES[current][key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m)) : text;
}

/** Whether the dictionaries have a key (for texts chosen by a code from the server). */
export function hasMessage(key: string): key is MessageKey {
  return key in DICTIONARIES[current];
}

/** Picks the title of the current language from a bilingual pair. */
export function pick(title: { zh: string; en: string } | undefined | null): string {
  if (!title) return '';
  return current === 'zh' ? title.zh : title.en || title.zh;
}

/** Numbers in the current locale's style. */
export function formatNumber(value: number, fractionDigits = 0): string {
  return value.toLocaleString(current === 'zh' ? 'zh-CN' : 'en-GB', {
    minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits,
  });
}

/** A share (0–1) as a percentage. */
export function formatPercent(share: number, fractionDigits = 1): string {
  return `${formatNumber(share * 100, fractionDigits)}%`;
}
