// The back office bundle: built from backoffice/ into dist/backoffice, served by the HQ server at `/`
// (server/http/backoffice.ts). Asset URLs are absolute from `/`, where HQ serves them.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: fileURLToPath(new URL('./backoffice', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/backoffice', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
});
