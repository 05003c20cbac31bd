// The renderer bundle: built from renderer/ into dist/renderer. `base: './'` keeps asset URLs
// relative so Electron can load index.html from file:// as well as browser mode over HTTP.
// Paths are resolved from this file, so the build works whatever the current directory is.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
});
