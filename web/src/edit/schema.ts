import type { AttributeInfo, Properties } from '../api/types';
import type { MessageKey } from '../i18n';

// The attribute rules of a layer's schema (`GET /api/layers`), checked in the browser as the server checks them
// (AttributeValidator): text trimmed, empty is absent, numbers with thousands separators, ranges inclusive, codes from
// the list, patterns matched whole. The server repeats every check; this only says it sooner and in the user's words.

/** A message of the dictionaries with its parameters. */
export interface FieldError {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface Parsed {
  /** the typed value (null when empty) */
  value: unknown;
  error: FieldError | null;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(12))));

function range(a: AttributeInfo, d: number): FieldError | null {
  const lo = a.min ?? null;
  const hi = a.max ?? null;
  if ((lo !== null && d < lo) || (hi !== null && d > hi)) {
    if (lo !== null && hi !== null) return { key: 'form.range', params: { min: fmt(lo), max: fmt(hi) } };
    return lo !== null ? { key: 'form.min', params: { min: fmt(lo) } } : { key: 'form.max', params: { max: fmt(hi!) } };
  }
  return null;
}

/** Whether a yyyy-mm-dd text is a date of the calendar. */
function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Reads the text of one form field as the attribute's type, and says what is wrong with it. */
export function parseValue(a: AttributeInfo, raw: string): Parsed {
  const s = raw.trim();
  if (s === '') return { value: null, error: a.required ? { key: 'form.required' } : null };
  switch (a.type) {
    case 'string': {
      if (a.maxLength !== undefined && s.length > a.maxLength) return { value: s, error: { key: 'form.tooLong', params: { n: a.maxLength } } };
      if (a.pattern) {
        let re: RegExp | null = null;
        try {
          re = new RegExp(`^(?:${a.pattern})$`, 'u');
        } catch {
          re = null; // a Java pattern JavaScript cannot read: the server checks it
        }
        if (re && !re.test(s)) return { value: s, error: { key: 'form.pattern', params: { pattern: a.pattern } } };
      }
      return { value: s, error: null };
    }
    case 'enum':
      return a.values && !a.values.includes(s) ? { value: s, error: { key: 'form.notCode' } } : { value: s, error: null };
    case 'integer':
    case 'decimal': {
      const d = Number(s.replace(/,/g, ''));
      if (!Number.isFinite(d) || /^0x/i.test(s)) return { value: s, error: { key: 'form.notNumber' } };
      if (a.type === 'integer' && !Number.isInteger(d)) return { value: d, error: { key: 'form.notInteger' } };
      return { value: d, error: range(a, d) };
    }
    case 'boolean':
      if (s === 'true') return { value: true, error: null };
      if (s === 'false') return { value: false, error: null };
      return { value: s, error: { key: 'form.notBoolean' } };
    case 'date':
      return isDate(s) ? { value: s, error: null } : { value: s, error: { key: 'form.date' } };
    default:
      return { value: s, error: null };
  }
}

/** A stored value as the text of its form field. */
export function formatValue(a: AttributeInfo, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (a.type === 'boolean') return value === true ? 'true' : value === false ? 'false' : String(value);
  if (a.type === 'date') return String(value).slice(0, 10);
  return String(value);
}

/**
 * Rules across attributes, as the server's layer rules: a rooftop's PV area cannot exceed its roof area. Each returns
 * the attribute to mark and the message, or null.
 */
const CROSS_RULES: Record<string, ((v: Properties) => { attribute: string; error: FieldError } | null)[]> = {
  pv_rooftops: [(v) => (typeof v.pv_area_m2 === 'number' && typeof v.roof_area_m2 === 'number' && v.pv_area_m2 > v.roof_area_m2
    ? { attribute: 'pv_area_m2', error: { key: 'form.pvArea' } } : null)],
};

export interface Validated {
  values: Properties;
  errors: Record<string, FieldError>;
}

/** Checks every field of a form; `raw` holds the text of each attribute's field. */
export function validateAll(layer: string, attributes: AttributeInfo[], raw: Record<string, string>): Validated {
  const values: Properties = {};
  const errors: Record<string, FieldError> = {};
  for (const a of attributes) {
    const p = parseValue(a, raw[a.name] ?? '');
    values[a.name] = p.value;
    if (p.error) errors[a.name] = p.error;
  }
  if (Object.keys(errors).length === 0) {
    for (const rule of CROSS_RULES[layer] ?? []) {
      const broken = rule(values);
      if (broken) errors[broken.attribute] = broken.error;
    }
  }
  return { values, errors };
}

/** The attributes whose values differ between two sets of properties (numbers compared as numbers). */
export function changedAttributes(attributes: AttributeInfo[], a: Properties, b: Properties): string[] {
  const norm = (v: unknown) => (v === undefined || v === '' ? null : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : v);
  const names = new Set([...attributes.map((x) => x.name)]);
  return [...names].filter((n) => JSON.stringify(norm(a[n])) !== JSON.stringify(norm(b[n])));
}
