import type L from 'leaflet';
import type { Properties } from '../api/types';
import { lang, t, valueCodes, valueName } from '../i18n';

/** One row of a legend: a filled swatch, an outline or a dashed target line, and its text. */
export interface LegendItem {
  label: string;
  fill?: string;
  stroke?: string;
  dashed?: boolean;
}

/** How a layer looks: the style of a feature from its properties, and the legend that explains it. */
export interface LayerStyle {
  style(p: Properties): L.PathOptions;
  legend(): LegendItem[];
}

export type ForestStyleMode = 'canopy' | 'species';

const LAND_COVER: Record<string, string> = {
  forest: '#2e7d32', cropland: '#f4e07a', orchard: '#c5a3e0', grassland: '#a5d66f', water: '#4fa3e0',
  wetland: '#7fd0c9', park_green: '#66bb6a', built: '#c9c0b6', road: '#9e9e9e', bare: '#e6cfa7',
};
const SPECIES: Record<string, string> = {
  poplar: '#1b9e77', willow: '#66a61e', ash: '#7570b3', sophora: '#e7298a', black_locust: '#d95f02',
  elm: '#a6761d', chinese_pine: '#0b5d3b', arborvitae: '#4d9221', other: '#999999',
};
const CANOPY = [
  { max: 0.4, color: '#c7e9c0', key: 'legend.canopy.low' },
  { max: 0.7, color: '#74c476', key: 'legend.canopy.mid' },
  { max: Infinity, color: '#238b45', key: 'legend.canopy.high' },
] as const;
const PARK_STATUS: Record<string, string> = { planned: '#b3de69', under_construction: '#ffd92f', built: '#1a9850' };
const FARMLAND_STATUS: Record<string, string> = { planned: '#fee391', under_construction: '#fe9929', accepted: '#b15928' };
// installed in purple: blue is water in the land cover underneath
const PV = { installed: '#7b3294', eligible: '#f4a582', other: '#d9d9d9' };
const ZONE_LEVEL: Record<number, string> = { 1: '#b2182b', 2: '#ef8a62', 3: '#f4a582' };

const fill = (color: string, stroke = darker(color), weight = 1): L.PathOptions => ({
  color: stroke, weight, fillColor: color, fillOpacity: 0.7, opacity: 0.9,
});

function darker(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  const f = (c: number) => Math.round(c * 0.7).toString(16).padStart(2, '0');
  return `#${f(n >> 16)}${f((n >> 8) & 255)}${f(n & 255)}`;
}

function byCode(attribute: string, colors: Record<string, string>): LayerStyle {
  return {
    style: (p) => fill(colors[String(p[attribute])] ?? '#cccccc'),
    legend: () => valueCodes(attribute).filter((c) => c in colors)
      .map((c) => ({ label: valueName(attribute, c, lang()), fill: colors[c] })),
  };
}

/** Forest plots (森林小班) by canopy closure (郁闭度) or by species (树种). */
export function forestStyle(mode: ForestStyleMode): LayerStyle {
  if (mode === 'species') return byCode('species', SPECIES);
  return {
    style: (p) => {
      const c = typeof p.canopy_closure === 'number' ? p.canopy_closure : 0;
      return fill(CANOPY.find((k) => c < k.max)!.color);
    },
    legend: () => CANOPY.map((k) => ({ label: t(k.key), fill: k.color })),
  };
}

/** PV rooftops: installed, not installed on a building of the plan's kinds (public institutions, factories), other. */
function pvState(p: Properties): keyof typeof PV {
  if (p.pv_installed === true) return 'installed';
  return p.building_use === 'public_institution' || p.building_use === 'factory' ? 'eligible' : 'other';
}

const STYLES: Record<string, LayerStyle> = {
  zones: {
    style: (p) => {
      const color = p.zone_type === 'control_level' ? ZONE_LEVEL[Number(p.level)] ?? '#b2182b'
        : p.zone_type === 'functional_area' ? '#e7298a' : '#888888';
      return { color, weight: p.zone_type === 'control_level' ? 2.5 : 2, fill: false, dashArray: p.zone_type === 'control_level' ? undefined : '6 4' };
    },
    legend: () => [
      ...[1, 2, 3].map((n) => ({ label: t('legend.zone.level', { n: lang() === 'zh' ? '一二三'[n - 1] : n }), stroke: ZONE_LEVEL[n] })),
      { label: t('legend.zone.functional_area'), stroke: '#e7298a', dashed: true },
    ],
  },
  streets: {
    style: () => ({ color: '#444444', weight: 1.5, fill: false, dashArray: '4 3' }),
    legend: () => [{ label: t('legend.street'), stroke: '#444444', dashed: true }],
  },
  land_cover: byCode('class', LAND_COVER),
  parks: byCode('status', PARK_STATUS),
  farmland: byCode('status', FARMLAND_STATUS),
  pv_rooftops: {
    style: (p) => fill(PV[pvState(p)]),
    legend: () => [
      { label: t('legend.pv.installed'), fill: PV.installed },
      { label: t('legend.pv.eligible'), fill: PV.eligible },
      { label: t('legend.pv.other'), fill: PV.other },
    ],
  },
};

/** The style of a layer of the catalogue (forest plots: see {@link forestStyle}). */
export function layerStyle(layer: string, forestMode: ForestStyleMode = 'canopy'): LayerStyle {
  if (layer === 'forest_plots') return forestStyle(forestMode);
  return STYLES[layer] ?? { style: () => fill('#3388ff'), legend: () => [] };
}

/** A colour for each project type in the street browser. */
export const PROJECT_COLORS: Record<string, string> = {
  parks: '#1a9850', farmland: '#b15928', pv_rooftops: '#7b3294', forest_plots: '#006d2c',
};
