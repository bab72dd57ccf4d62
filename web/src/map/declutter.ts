import type L from 'leaflet';

/**
 * Hides the permanent labels that would overlap one drawn before them, in the order of `classes` (street names
 * before zone names), so that names stay readable where streets and control zones crowd together.
 */
export function declutterLabels(map: L.Map, classes: string[]): void {
  const pane = map.getPane('tooltipPane');
  if (!pane) return;
  const placed: DOMRect[] = [];
  const labels = [...pane.querySelectorAll<HTMLElement>('.cm-label')];
  const rank = (el: HTMLElement) => {
    const i = classes.findIndex((c) => el.classList.contains(c));
    return i < 0 ? classes.length : i;
  };
  labels.sort((a, b) => rank(a) - rank(b));
  for (const el of labels) {
    el.style.visibility = '';
    const r = el.getBoundingClientRect();
    const overlaps = placed.some((p) => r.left < p.right + 2 && r.right > p.left - 2 && r.top < p.bottom && r.bottom > p.top);
    if (overlaps) el.style.visibility = 'hidden';
    else placed.push(r);
  }
}
