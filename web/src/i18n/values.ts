import type { Lang } from './index';

// Chinese and English names of the coded attribute values (land-cover classes, species, statuses, building uses).
const VALUES: Record<string, Record<string, [zh: string, en: string]>> = {
  class: {
    forest: ['林地', 'Forest'], cropland: ['耕地', 'Cropland'], orchard: ['园地', 'Orchard'],
    grassland: ['草地', 'Grassland'], water: ['水域', 'Water'], wetland: ['湿地', 'Wetland'],
    park_green: ['公园绿地', 'Park green'], built: ['建设用地', 'Built-up'], road: ['道路', 'Road'], bare: ['裸地', 'Bare land'],
  },
  species: {
    poplar: ['杨树', 'Poplar'], willow: ['柳树', 'Willow'], ash: ['白蜡', 'Ash'], sophora: ['国槐', 'Pagoda tree'],
    black_locust: ['刺槐', 'Black locust'], elm: ['榆树', 'Elm'], chinese_pine: ['油松', 'Chinese pine'],
    arborvitae: ['侧柏', 'Arborvitae'], other: ['其他', 'Other'],
  },
  status: {
    planned: ['规划', 'Planned'], under_construction: ['在建', 'Under construction'], built: ['已建成', 'Built'],
    accepted: ['已验收', 'Accepted'], pv_installed: ['已装光伏', 'PV installed'],
    pv_missing: ['未装光伏', 'No PV yet'], forest: ['有林地', 'Forest (closure ≥ 0.2)'], sparse: ['疏林地', 'Sparse'],
  },
  building_use: {
    public_institution: ['公共机构', 'Public institution'], factory: ['厂房', 'Factory'],
    residential: ['住宅', 'Residential'], commercial: ['商业', 'Commercial'],
  },
  zone_type: {
    control_level: ['管控区', 'Control zone'], functional_area: ['功能片区', 'Functional area'],
    corridor: ['廊道', 'Corridor'], core: ['核心区', 'Core'], ring: ['环', 'Ring'],
  },
  layer: {
    zones: ['管控分区', 'Control zones'], streets: ['街道', 'Streets'], land_cover: ['土地覆盖', 'Land cover'],
    forest_plots: ['森林小班', 'Forest plots'], parks: ['公园', 'Parks'], farmland: ['高标准农田', 'Farmland projects'],
    pv_rooftops: ['光伏屋顶', 'PV rooftops'],
  },
};

/** The name of a coded value in the given language; the code itself when it is not a known one. */
export function valueName(attribute: string, code: unknown, lang: Lang): string {
  const names = VALUES[attribute]?.[String(code)];
  return names ? names[lang === 'zh' ? 0 : 1] : String(code ?? '');
}

/** The known codes of an attribute, in display order. */
export function valueCodes(attribute: string): string[] {
  return Object.keys(VALUES[attribute] ?? {});
}
