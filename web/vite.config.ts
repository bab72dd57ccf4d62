import { defineConfig } from 'vite';

// The built files go to web/dist, which the backend jar serves at /. During `npm run dev` the API is proxied to a
// locally running backend.
export default defineConfig({
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: { proxy: { '/api': 'http://localhost:8080', '/ogc': 'http://localhost:8080' } },
});
