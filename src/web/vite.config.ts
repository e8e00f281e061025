import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The web app is built into dist/web and served by the NestJS app itself (src/web-server), so it
 * has one origin with the API: no CORS, no CDN, cookies that never leave the site.
 */
export default defineConfig({
  root: __dirname,
  base: '/',
  publicDir: false,
  build: {
    outDir: resolve(__dirname, '../../dist/web'),
    emptyOutDir: true,
    // Hashed names: the server caches /assets/* for a year; index.html is never cached.
    assetsDir: 'assets',
    chunkSizeWarningLimit: 2000,
    sourcemap: true,
    rolldownOptions: {
      // antd marks its modules "use client" for React Server Components, which a client-only
      // bundle ignores by design; one warning per module would bury real warnings.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
