// The renderer's build. Main and preload are built by scripts/build.ts with their own settings.
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src-main/app/csp.ts';

/** Writes the one CSP (src-main/app/csp.ts) into index.html, so the meta tag and headers agree. */
function cspMeta(): Plugin {
  return { name: 'csp-meta', transformIndexHtml: (html) => html.replace('%CSP%', CONTENT_SECURITY_POLICY) };
}

export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react(), cspMeta()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true, target: 'chrome130' },
});
