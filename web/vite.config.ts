import { defineConfig } from 'vite';

// The built files go to web/dist, which the backend jar serves at /. During `npm run dev` the API is proxied to a
// locally running backend: http://localhost:8080, or the one named by CARBONMAP_API.
const api = process.env.CARBONMAP_API ?? 'http://localhost:8080';

export default defineConfig({
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/api': api, '/ogc': api } },
});
