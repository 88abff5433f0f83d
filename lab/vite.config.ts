/**
 * Vite build of the physml lab: `lab/` → `lab/dist/` (served by `physml lab`). The app imports
 * the library's TypeScript sources from `../src` directly, so the lab runs exactly the library
 * code. A guard refuses Node built-ins: a library module that needs Node must never reach the
 * browser bundle (the build fails, naming the importer).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const labRoot = fileURLToPath(new URL('.', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/** Fails the build when any module of the lab's graph imports a Node built-in. */
function noNodeBuiltins(): Plugin {
  return {
    name: 'physml-no-node-builtins',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source.startsWith('node:')) {
        throw new Error(`the lab must not import Node built-ins: ${source} imported by ${importer ?? '?'}`);
      }
      return null;
    },
  };
}

export default defineConfig({
  root: labRoot,
  base: './',
  publicDir: false,
  plugins: [noNodeBuiltins()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 800,
  },
  worker: { format: 'es', plugins: () => [noNodeBuiltins()] },
  server: { host: '127.0.0.1', fs: { allow: [repositoryRoot] } },
});
