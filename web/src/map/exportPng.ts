import L from 'leaflet';
import { t } from '../i18n';
import type { LegendSection } from './LegendControl';

/** What goes around the map in an exported picture. */
export interface MapExportOptions {
  title: string;
  /** second line under the title (date, indicator) */
  subtitle: string;
  legend: LegendSection[];
  /** pixels per CSS pixel of the map (2 prints sharply on A4) */
  pixelRatio?: number;
  /** a line at the bottom (data source, base map) */
  footer?: string;
}

const FONT = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif';
const HEADER = 64;
const FOOTER = 26;
const LEGEND_W = 250;
const MAP_BG = '#eef2f4';

/**
 * Draws the map's vector layers, labels, legend, scale bar and north arrow into a new canvas and returns it as a PNG.
 *
 * The features are drawn again from their coordinates rather than copied from Leaflet's canvases, so the picture does
 * not depend on the panes' CSS transforms and is never tainted; base-map tiles (from another origin) are left out.
 */
export async function exportMapPng(map: L.Map, options: MapExportOptions): Promise<Blob> {
  const canvas = renderMapPicture(map, options);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}

/** The picture of {@link exportMapPng} as a canvas. */
export function renderMapPicture(map: L.Map, options: MapExportOptions): HTMLCanvasElement {
  const ratio = options.pixelRatio ?? 2;
  const size = map.getSize();
  const width = size.x + LEGEND_W;
  const height = HEADER + size.y + FOOTER;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(ratio, ratio);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);

  // title
  ctx.fillStyle = '#1b2a38';
  ctx.font = `bold 22px ${FONT}`;
  ctx.textBaseline = 'top';
  ctx.fillText(options.title, 14, 10, width - 28);
  ctx.font = `13px ${FONT}`;
  ctx.fillStyle = '#555';
  ctx.fillText(options.subtitle, 14, 40, width - 28);

  // map frame
  ctx.save();
  ctx.translate(0, HEADER);
  ctx.beginPath();
  ctx.rect(0, 0, size.x, size.y);
  ctx.clip();
  ctx.fillStyle = MAP_BG;
  ctx.fillRect(0, 0, size.x, size.y);
  drawPaths(ctx, map);
  drawLabels(ctx, map);
  ctx.restore();
  ctx.strokeStyle = '#333';
  ctx.lineWidth = 1;
  ctx.strokeRect(0.5, HEADER + 0.5, size.x - 1, size.y - 1);
  drawScaleBar(ctx, map, 12, HEADER + size.y - 16);
  drawNorthArrow(ctx, size.x - 34, HEADER + 14);

  drawLegend(ctx, options.legend, size.x + 12, HEADER, LEGEND_W - 20, size.y);

  ctx.fillStyle = '#666';
  ctx.font = `11px ${FONT}`;
  ctx.textBaseline = 'middle';
  ctx.fillText(options.footer ?? t('map.source'), 14, HEADER + size.y + FOOTER / 2, width - 28);
  return canvas;
}

function paneZ(map: L.Map, pane: string | undefined): number {
  const el = map.getPane(pane ?? 'overlayPane');
  return Number(el?.style.zIndex || (el ? getComputedStyle(el).zIndex : 0)) || 400;
}

function drawPaths(ctx: CanvasRenderingContext2D, map: L.Map): void {
  const view = map.getBounds().pad(0.05);
  const paths: L.Path[] = [];
  map.eachLayer((l) => {
    if (l instanceof L.Path && (!(l instanceof L.Polyline) || view.intersects(l.getBounds()))) paths.push(l);
  });
  // panes bottom to top; within a pane, the order they were added (as Leaflet draws them)
  const order = new Map(paths.map((p, i) => [p, i]));
  paths.sort((a, b) => paneZ(map, a.options.pane) - paneZ(map, b.options.pane) || order.get(a)! - order.get(b)!);
  for (const p of paths) drawPath(ctx, map, p);
}

function drawPath(ctx: CanvasRenderingContext2D, map: L.Map, path: L.Path): void {
  const o = path.options;
  ctx.beginPath();
  let closed = false;
  if (path instanceof L.CircleMarker) {
    const c = map.latLngToContainerPoint(path.getLatLng());
    ctx.arc(c.x, c.y, path.getRadius(), 0, Math.PI * 2);
    closed = true;
  } else if (path instanceof L.Polyline) {
    closed = path instanceof L.Polygon;
    const rings: L.LatLng[][] = [];
    const collect = (x: unknown): void => {
      const arr = x as unknown[];
      if (arr.length && arr[0] instanceof L.LatLng) rings.push(arr as L.LatLng[]);
      else arr.forEach(collect);
    };
    collect(path.getLatLngs());
    for (const ring of rings) {
      ring.forEach((ll, i) => {
        const pt = map.latLngToContainerPoint(ll);
        if (i === 0) ctx.moveTo(pt.x, pt.y); else ctx.lineTo(pt.x, pt.y);
      });
      if (closed) ctx.closePath();
    }
  }
  if (closed && o.fill !== false) {
    ctx.globalAlpha = o.fillOpacity ?? 0.2;
    ctx.fillStyle = o.fillColor ?? o.color ?? '#3388ff';
    ctx.fill('evenodd');
  }
  if (o.stroke !== false && (o.weight ?? 3) > 0) {
    ctx.globalAlpha = o.opacity ?? 1;
    ctx.strokeStyle = o.color ?? '#3388ff';
    ctx.lineWidth = o.weight ?? 3;
    ctx.lineJoin = 'round';
    ctx.setLineDash(typeof o.dashArray === 'string' ? o.dashArray.split(/[ ,]+/).map(Number) : []);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  ctx.globalAlpha = 1;
}

function drawLabels(ctx: CanvasRenderingContext2D, map: L.Map): void {
  const size = map.getSize();
  ctx.font = `12px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  map.eachLayer((l) => {
    if (!(l instanceof L.Tooltip) || l.getElement()?.style.visibility === 'hidden') return;
    const content = l.getContent();
    const text = content instanceof HTMLElement ? content.textContent : typeof content === 'string' ? content : '';
    const ll = l.getLatLng();
    if (!text || !ll) return;
    const p = map.latLngToContainerPoint(ll);
    if (p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y) return;
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    ctx.lineWidth = 3;
    ctx.strokeText(text, p.x, p.y);
    ctx.fillStyle = '#222';
    ctx.fillText(text, p.x, p.y);
  });
  ctx.textAlign = 'left';
}

/** A scale bar of a round length (1, 2 or 5 × 10ⁿ m) at most 150 px long, measured at the map's centre. */
function drawScaleBar(ctx: CanvasRenderingContext2D, map: L.Map, x: number, y: number): void {
  const c = map.getSize().divideBy(2);
  const metresPer100px = map.distance(map.containerPointToLatLng(c), map.containerPointToLatLng(c.add([100, 0])));
  const max = (metresPer100px * 150) / 100;
  const pow = 10 ** Math.floor(Math.log10(max));
  const len = [5, 2, 1].map((f) => f * pow).find((v) => v <= max) ?? pow;
  const px = (len / metresPer100px) * 100;
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(x - 4, y - 18, px + 8, 24);
  ctx.strokeStyle = '#222';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(x, y - 6); ctx.lineTo(x, y); ctx.lineTo(x + px, y); ctx.lineTo(x + px, y - 6);
  ctx.stroke();
  ctx.fillStyle = '#222';
  ctx.font = `11px ${FONT}`;
  ctx.textBaseline = 'bottom';
  ctx.fillText(len >= 1000 ? `${len / 1000} km` : `${len} m`, x + 4, y - 4);
}

function drawNorthArrow(ctx: CanvasRenderingContext2D, x: number, y: number): void {
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(x - 6, y - 4, 32, 50);
  ctx.beginPath();
  ctx.moveTo(x + 10, y + 14); ctx.lineTo(x + 18, y + 42); ctx.lineTo(x + 10, y + 36); ctx.closePath();
  ctx.fillStyle = '#222';
  ctx.fill();
  ctx.beginPath();
  ctx.moveTo(x + 10, y + 14); ctx.lineTo(x + 2, y + 42); ctx.lineTo(x + 10, y + 36); ctx.closePath();
  ctx.fillStyle = '#fff';
  ctx.fill();
  ctx.strokeStyle = '#222';
  ctx.lineWidth = 1;
  ctx.stroke();
  ctx.fillStyle = '#222';
  ctx.font = `bold 12px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillText(t('map.north'), x + 10, y);
  ctx.textAlign = 'left';
}

function drawLegend(ctx: CanvasRenderingContext2D, sections: LegendSection[], x: number, y: number, w: number, h: number): void {
  let cy = y + 4;
  ctx.textBaseline = 'middle';
  for (const s of sections) {
    if (cy > y + h - 20) break;
    ctx.fillStyle = '#1b2a38';
    ctx.font = `bold 13px ${FONT}`;
    cy += 10;
    ctx.fillText(s.title, x, cy, w);
    cy += 16;
    ctx.font = `12px ${FONT}`;
    if (s.hint) {
      ctx.fillStyle = '#8a5a00';
      ctx.fillText(s.hint, x, cy, w);
      cy += 18;
      continue;
    }
    for (const item of s.items) {
      if (cy > y + h - 10) break;
      if (item.fill) {
        ctx.fillStyle = item.fill;
        ctx.fillRect(x, cy - 6, 16, 12);
        ctx.strokeStyle = item.stroke ?? 'rgba(0,0,0,0.35)';
        ctx.lineWidth = 1;
        ctx.strokeRect(x + 0.5, cy - 5.5, 15, 11);
      } else {
        ctx.strokeStyle = item.stroke ?? '#333';
        ctx.lineWidth = 2;
        ctx.setLineDash(item.dashed ? [4, 3] : []);
        ctx.beginPath();
        ctx.moveTo(x, cy); ctx.lineTo(x + 16, cy);
        ctx.stroke();
        ctx.setLineDash([]);
      }
      ctx.fillStyle = '#222';
      cy = wrapText(ctx, item.label, x + 24, cy, w - 24);
    }
  }
}

/** Writes text over as many lines as it needs (CJK breaks between characters, other text at spaces); returns the next line's y. */
function wrapText(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, w: number): number {
  // tokens: one CJK character, or a run of other characters with the spaces after it
  const tokens = text.match(/[\u3000-\u9fff\uff00-\uffef]|[^\u3000-\u9fff\uff00-\uffef\s]+\s*|\s+/g) ?? [text];
  let line = '';
  for (const token of tokens) {
    if (line && ctx.measureText(line + token.trimEnd()).width > w) {
      ctx.fillText(line.trimEnd(), x, y);
      y += 16;
      line = token.trimStart();
    } else line += token;
  }
  ctx.fillText(line.trimEnd(), x, y);
  return y + 18;
}
