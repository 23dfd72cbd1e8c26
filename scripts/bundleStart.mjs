// The last step of `npm run build` (and of the tests' compiled copy of src/): Vigil's start as a
// bundle. node loads ~300 compiled modules one by one (resolve, read, compile, link each: about
// 0.4 s of CPU and 20 MB of a start); esbuild joins them into a few files in <dir>/bundle/, and
// <dir>/main.js becomes a one-line entry that imports it. Packages stay outside (node_modules), and
// so does each `import()` of a package, so a start still loads what it needs when it needs it;
// the application's own modules (app.js) are a chunk of their own, loaded by main after the token
// check began, as before. The bundle sits two folders below the root, as every compiled module
// does, so the paths they resolve from their own location (`../../templates`, `../../migrations`)
// still hold. The doctor (`<dir>/doctor/main.js`) runs unbundled.
//   node scripts/bundleStart.mjs [dir]   (dir: the compiled src/, default dist)
import { copyFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.resolve(process.argv[2] ?? 'dist');
const out = path.join(dir, 'bundle');

rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: [path.join(root, 'src/main.ts')],
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  tsconfig: path.join(root, 'tsconfig.json'),
  logLevel: 'warning',
});
// The templates the build checked (scripts/checkTemplates.mjs), where the bundled loader looks: beside itself.
const stamp = path.join(dir, 'comms/checked-templates.json');
if (existsSync(stamp)) copyFileSync(stamp, path.join(out, 'checked-templates.json'));
rmSync(path.join(dir, 'main.js.map'), { force: true }); // tsc's, for the file replaced here
writeFileSync(path.join(dir, 'main.js'), "// Vigil's start, bundled by scripts/bundleStart.mjs.\nimport './bundle/main.js';\n");
