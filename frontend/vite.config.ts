import { defineConfig } from 'vitest/config';

// The API server (bin/mhac serve) for `npm run dev`; the built app is served by the Go binary itself.
const api = process.env.MHAC_API ?? 'http://127.0.0.1:18080';

export default defineConfig({
  base: '/',
  // Preact's automatic JSX runtime through Vite's own transformer: no plugin needed.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
  server: { proxy: { '/api': api, '/admin/queues': api } },
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
