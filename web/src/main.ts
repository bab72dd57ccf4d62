import 'leaflet/dist/leaflet.css';
import L from 'leaflet';

// A first page: the layers of CarbonMap over a plain background. The full application comes with the map issue.
interface LayerInfo { name: string; title: { zh: string; en: string }; featureCount: number; extent: number[] | null }

const app = document.getElementById('app')!;
app.innerHTML = '<div id="map" style="position:absolute;inset:0"></div>';
const map = L.map('map').setView([39.12, 117.40], 11);

fetch('/api/layers').then((r) => r.json()).then((layers: LayerInfo[]) => {
  const overlays: Record<string, L.Layer> = {};
  for (const layer of layers) {
    const group = L.geoJSON(undefined, { style: { weight: 1 } });
    overlays[`${layer.title.zh}（${layer.featureCount}）`] = group;
    if (layer.name === 'streets' || layer.name === 'zones') {
      fetch(`/api/layers/${layer.name}/features?limit=1000`).then((r) => r.json()).then((fc) => {
        group.addData(fc);
        group.addTo(map);
      });
    }
  }
  L.control.layers(undefined, overlays, { collapsed: false }).addTo(map);
});
