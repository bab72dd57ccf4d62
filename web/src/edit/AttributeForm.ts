import type { AttributeInfo, Properties } from '../api/types';
import { h } from '../app/dom';
import { lang, pick, t, valueName } from '../i18n';
import { formatValue, parseValue, validateAll, type FieldError, type Validated } from './schema';

export interface AttributeFormOptions {
  /** the layer's name (its cross-attribute rules) */
  layer: string;
  attributes: AttributeInfo[];
  /** whether an attribute may be changed; the others are shown read-only (a surveyor's plot code) */
  editable: (name: string) => boolean;
  /** called on every change of a field */
  onChange?: () => void;
}

type Field = HTMLInputElement | HTMLSelectElement;

/**
 * The attributes of a feature as a form built from the layer's schema: a field per attribute by its type (text, code
 * list, number with its range, yes/no, date), required ones marked, each checked as it is typed with the message
 * under the field. Values are set through `.value`, never as HTML.
 */
export class AttributeForm {
  readonly element: HTMLFormElement;
  private fields = new Map<string, { a: AttributeInfo; input: Field; error: HTMLElement; row: HTMLElement }>();
  private extras: Properties = {};

  constructor(private readonly o: AttributeFormOptions) {
    this.element = h('form', { class: 'cm-attr-form', novalidate: true, 'data-layer': o.layer });
    this.element.addEventListener('submit', (e) => e.preventDefault());
    for (const a of o.attributes) {
      const input = this.input(a);
      input.id = `cm-attr-${a.name}`;
      input.name = a.name;
      input.disabled = !o.editable(a.name);
      const error = h('div', { class: 'cm-field-error', 'data-for': a.name, role: 'alert', hidden: true });
      const label = h('label', { for: input.id }, pick(a.title), a.required ? h('span', { class: 'cm-required', title: t('form.requiredMark') }, ' *') : null,
        hintOf(a) ? h('small', { class: 'cm-muted' }, ` ${hintOf(a)}`) : null);
      const row = h('div', { class: 'cm-attr', 'data-attr': a.name }, label, input, error);
      input.addEventListener('input', () => { this.check(a.name, false); o.onChange?.(); });
      input.addEventListener('change', () => { this.check(a.name, false); o.onChange?.(); });
      input.addEventListener('blur', () => this.check(a.name, true));
      this.fields.set(a.name, { a, input, error, row });
      this.element.append(row);
    }
  }

  /** Fills the fields; properties that are not attributes of the layer are kept and sent back unchanged. */
  setValues(p: Properties): void {
    this.extras = {};
    for (const [k, v] of Object.entries(p)) if (!this.fields.has(k)) this.extras[k] = v;
    for (const { a, input, error, row } of this.fields.values()) {
      input.value = formatValue(a, p[a.name]);
      error.hidden = true;
      row.classList.remove('cm-invalid', 'cm-changed');
    }
  }

  /** The text of every field. */
  raw(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, f] of this.fields) out[name] = f.input.value;
    return out;
  }

  /** Checks every field and shows the messages; `values` holds the typed attributes and the kept extra properties. */
  validate(): Validated {
    const v = validateAll(this.o.layer, this.o.attributes, this.raw());
    this.showErrors(v.errors);
    return { values: { ...this.extras, ...v.values }, errors: v.errors };
  }

  /** Shows these messages (e.g. from the server) and clears the others. */
  showErrors(errors: Record<string, FieldError>): void {
    for (const [name, f] of this.fields) this.show(f, errors[name] ?? null);
    const first = Object.keys(errors)[0];
    if (first) this.fields.get(first)?.input.focus();
  }

  /** Highlights the named attributes (changed since another version). */
  markChanged(names: string[]): void {
    for (const [name, f] of this.fields) f.row.classList.toggle('cm-changed', names.includes(name));
  }

  /** Disables or enables every field that may be changed (while a save is under way). */
  setBusy(busy: boolean): void {
    for (const [name, f] of this.fields) f.input.disabled = busy || !this.o.editable(name);
  }

  private check(name: string, showRequired: boolean): void {
    const f = this.fields.get(name)!;
    const p = parseValue(f.a, f.input.value);
    const badNumber = f.input instanceof HTMLInputElement && f.input.validity.badInput;
    const error = badNumber ? { key: 'form.notNumber' as const } : p.error;
    this.show(f, error && (showRequired || error.key !== 'form.required') ? error : null);
  }

  private show(f: { error: HTMLElement; row: HTMLElement }, error: FieldError | null): void {
    f.error.textContent = error ? t(error.key, error.params) : '';
    f.error.hidden = !error;
    f.row.classList.toggle('cm-invalid', !!error);
  }

  private input(a: AttributeInfo): Field {
    switch (a.type) {
      case 'enum':
        return h('select', {}, h('option', { value: '' }, a.required ? t('form.choose') : t('form.none')),
          ...(a.values ?? []).map((v) => h('option', { value: v }, valueName(a.name, v, lang()))));
      case 'boolean':
        return h('select', {}, h('option', { value: '' }, t('form.none')),
          h('option', { value: 'true' }, t('popup.yes')), h('option', { value: 'false' }, t('popup.no')));
      case 'integer':
        return h('input', { type: 'number', step: '1', inputmode: 'numeric', min: a.min, max: a.max });
      case 'decimal':
        return h('input', { type: 'number', step: 'any', inputmode: 'decimal', min: a.min, max: a.max });
      case 'date':
        return h('input', { type: 'date' });
      default:
        return h('input', { type: 'text', maxlength: a.maxLength, pattern: a.pattern, autocomplete: 'off' });
    }
  }
}

/** The allowed range of a number, shown after its label. */
function hintOf(a: AttributeInfo): string | null {
  if ((a.type === 'integer' || a.type === 'decimal') && a.min !== undefined && a.max !== undefined) return `(${a.min}–${a.max})`;
  return null;
}
