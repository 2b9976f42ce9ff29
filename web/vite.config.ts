// The dashboard's build: web/ → dist/web/ (served at / by src/routes/web).
// Everything is bundled: no CDN, works offline. Preact's JSX through Oxc (Vite's transformer),
// no plugin needed.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  publicDir: here('public'),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // One small bundle: no need to split.
    chunkSizeWarningLimit: 300,
  },
  server: {
    // `npm run dev:web`: the API of `npm run dev` on port 3000.
    proxy: { '/v1': 'http://127.0.0.1:3000', '/docs': 'http://127.0.0.1:3000' },
  },
});
