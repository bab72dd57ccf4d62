import 'leaflet/dist/leaflet.css';
import './style.css';
import { App } from './app/App';

// CarbonMap (东丽区碳汇与空间规划一张图): the map, the plan's indicators and the street offices' project browser.
new App(document.getElementById('app')!).start();
