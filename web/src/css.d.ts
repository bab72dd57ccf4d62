// Style sheets imported for their side effect, also by dynamic import (Leaflet-Geoman's, loaded with the editor).
declare module '*.css';
