import L from 'leaflet';

export interface SvgPaneLayerOptions extends L.LayerOptions {
  /** the pane the layer draws in, created with `zIndex` (and no pointer events) if the map has none */
  pane: string;
  zIndex: number;
}

/**
 * A layer of a few SVG paths in a pane of its own that lets the map's clicks through: never clickable, never a snap
 * target. Subclasses put their paths in `group`, drawn with `renderer`, from {@link draw} (called when added and
 * whenever they change their content).
 */
export abstract class SvgPaneLayer extends L.Layer {
  declare options: SvgPaneLayerOptions;
  protected readonly group = L.layerGroup();
  protected readonly renderer: L.SVG;

  constructor(options: SvgPaneLayerOptions) {
    super(options);
    L.Util.setOptions(this, options);
    this.renderer = L.svg({ pane: options.pane });
  }

  onAdd(map: L.Map): this {
    if (!map.getPane(this.options.pane)) {
      const pane = map.createPane(this.options.pane);
      pane.style.zIndex = String(this.options.zIndex);
      pane.style.pointerEvents = 'none';
    }
    this.group.addTo(map);
    this.draw();
    return this;
  }

  onRemove(): this {
    this.group.clearLayers();
    this.group.remove();
    this.renderer.remove();
    return this;
  }

  /** Draws the layer's content into `group` (nothing while the layer is not on a map). */
  protected abstract draw(): void;
}
