// The web app: built into apps/web/dist (outside dist/, which a full api build wipes) and
// served by the api at /. `npm run dev:web` serves it from source against a running api.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = process.env.PMO_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The api gives /assets/* a year's cache: every file name there carries its content hash.
    assetsDir: 'assets',
    reportCompressedSize: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/graphql': { target: api, ws: true, changeOrigin: true } },
  },
});
