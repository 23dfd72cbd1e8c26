// Bundles the web page's script (src/ui/browser/page.ts and the renderer it imports) into one
// file, dist/browser/page.js, which the server inlines into GET /. Run by the package's build, and
// by vitest's global setup so tests never serve a stale bundle.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function bundlePage() {
  await build({
    absWorkingDir: root,
    entryPoints: ['src/ui/browser/page.ts'],
    outfile: 'dist/browser/page.js',
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'warning',
  });
}

/** vitest globalSetup. */
export const setup = bundlePage;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await bundlePage();
