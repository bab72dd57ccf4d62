import type { PathOptions } from 'leaflet';
import type { LegendSection } from '../map/LegendControl';

/** The features of a set that reaches a target (the closing set, the roofs for the PV target) and the others. */
const SET_COLOR = '#d94801';
const OTHER_COLOR = '#2b8cbe';

/** How a feature is drawn: bold orange in the set, light blue otherwise. */
export function setStyle(inSet: boolean): PathOptions {
  return inSet ? { color: SET_COLOR, weight: 2.5, fillOpacity: 0.45, fillColor: SET_COLOR }
    : { color: OTHER_COLOR, weight: 1, fillOpacity: 0.15, fillColor: OTHER_COLOR };
}

/** The legend of such a layer. */
export function setLegend(title: string, inSet: string, other: string): LegendSection {
  return { title, items: [
    { label: inSet, fill: SET_COLOR, stroke: SET_COLOR },
    { label: other, fill: OTHER_COLOR, stroke: OTHER_COLOR },
  ] };
}
