// A small DOM builder. Text goes in as text nodes only: data from the API is never parsed as HTML.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined | null | EventListener>;

/** Creates an element; `on*` attributes become listeners, `class` the class name, other values attributes. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = String(v);
    else if (k === 'checked' || k === 'selected' || k === 'disabled' || k === 'value') (el as unknown as Record<string, unknown>)[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** A legend swatch: a filled square, an outline, or a dashed line. */
export function swatch(item: { fill?: string; stroke?: string; dashed?: boolean }): HTMLElement {
  const s = h('span', { class: `cm-swatch${item.dashed ? ' cm-swatch-dashed' : ''}${item.fill ? '' : ' cm-swatch-line'}` });
  if (item.fill) s.style.background = item.fill;
  if (item.stroke) s.style.borderColor = item.stroke;
  if (item.fill && !item.stroke) s.style.borderColor = 'rgba(0,0,0,0.35)';
  return s;
}
