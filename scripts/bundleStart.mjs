// The last step of `npm run build` (and of the tests' compiled copy of src/): Vigil's start as a
// bundle. node loads ~300 compiled modules and ~600 files of packages one by one (resolve, stat,
// read, compile, link each); esbuild joins them into a few files in <dir>/bundle/, and
// <dir>/main.js becomes a one-line entry that imports it. A start took about 2.0 s of CPU and
// 1.4 s to listening with the packages loaded from node_modules, 1.2 s and 0.9 s bundled.
// Each `import()` stays a chunk of its own (the application's modules, app.js, loaded by main
// after the token check began; the statistics that only drift monitors need), so a start still
// loads only what it needs. What cannot be bundled stays in node_modules (NOT_BUNDLED). The
// bundle sits two folders below the root, as every compiled module does, so the paths they
// resolve from their own location (`../../templates`, `../../migrations`) still hold. The doctor
// (`<dir>/doctor/main.js`, `npm run doctor`) is bundled beside it and shares its chunks.
//   node scripts/bundleStart.mjs [dir]   (dir: the compiled src/, default dist)
import { copyFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.resolve(process.argv[2] ?? 'dist');
const out = path.join(dir, 'bundle');

/**
 * Loaded from node_modules at run time: native addons (a .node file found beside their package),
 * optional native speed-ups `ws` tries to require, the Slack emulator (a development tool loaded
 * only when there is no Slack token, never part of the build), and pino-pretty (the terminal's
 * log format in emulator mode).
 */
const NOT_BUNDLED = ['better-sqlite3', '@resvg/resvg-js', 'bufferutil', 'utf-8-validate', '@vigil/slack-emulator', 'pino-pretty'];

/**
 * @slack/socket-mode requires undici (for its WebSocket) when Bolt loads, though only Socket Mode
 * uses it: bundled, it was a fifth of the bundle (1.1 MB) for V8 to compile at every start, and
 * about 30 ms of CPU to evaluate. Here its require gets a stand-in that loads undici from
 * node_modules on the first use of any of its exports.
 */
const lazyUndici = {
  name: 'lazy-undici',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, (args) => {
      if (args.namespace === 'lazy-undici') return { path: 'undici', external: true };
      if (args.importer.includes(`${path.sep}@slack${path.sep}socket-mode${path.sep}`)) return { path: 'undici', namespace: 'lazy-undici' };
      return undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-undici' }, () => ({
      // Resolved as @slack/socket-mode would resolve it, wherever npm put it.
      contents: `const { createRequire } = require('node:module');
let loaded;
const undici = () => (loaded ??= createRequire(require.resolve('@slack/socket-mode'))('undici'));
module.exports = new Proxy({}, { get: (_, key) => undici()[key], has: (_, key) => key in undici() });`,
      loader: 'js',
      resolveDir: root,
    }));
  },
};

rmSync(out, { recursive: true, force: true });
await build({
  plugins: [lazyUndici],
  // Flat: every bundled file sits in <dir>/bundle/, two folders below the root (see above).
  entryPoints: { main: path.join(root, 'src/main.ts'), doctor: path.join(root, 'src/doctor/main.ts') },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: NOT_BUNDLED,
  // Bundled CommonJS packages call require() for Node's own modules; an ES module has none.
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
  sourcemap: true,
  tsconfig: path.join(root, 'tsconfig.json'),
  logLevel: 'warning',
});
// The templates the build checked (scripts/checkTemplates.mjs), where the bundled loader looks: beside itself.
const stamp = path.join(dir, 'comms/checked-templates.json');
if (existsSync(stamp)) copyFileSync(stamp, path.join(out, 'checked-templates.json'));
// tsc's maps, for the files replaced here.
rmSync(path.join(dir, 'main.js.map'), { force: true });
rmSync(path.join(dir, 'doctor/main.js.map'), { force: true });
writeFileSync(path.join(dir, 'main.js'), "// Vigil's start, bundled by scripts/bundleStart.mjs.\nimport './bundle/main.js';\n");
writeFileSync(path.join(dir, 'doctor/main.js'), "// `npm run doctor`, bundled by scripts/bundleStart.mjs.\nimport '../bundle/doctor.js';\n");
