// Vite build of the console: static files in dist/ (git-ignored) that the server serves at `/`.
// Same origin as the API, so there is no proxy or CORS setting; `pnpm --filter @drover/console
// build` (or ./scripts/start) writes them.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The budget is checked by scripts/bench console (initial JS <= 250 KB gzipped).
    chunkSizeWarningLimit: 600,
  },
});
