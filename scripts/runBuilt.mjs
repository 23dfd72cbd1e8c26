// `npm start` and `npm run doctor`: run the compiled entry point (dist/<entry>.js), never the
// TypeScript sources, so production needs neither the compiler nor dev dependencies. Not built
// yet: one line saying how, and exit 1. Built before the last change to src/: run it, with a note.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = process.argv[2] ?? 'main';
const built = path.join(root, 'dist', `${entry}.js`);

if (!existsSync(built)) {
  process.stderr.write(`vigil: not built yet (${path.relative(root, built)} is missing): run npm run build once, then npm ${entry === 'main' ? 'start' : `run ${path.basename(entry) === 'main' ? path.dirname(entry) : entry}`}\n`);
  process.exit(1);
}

/** The newest modification time of a .ts file under src/ (0 when there is no src/, as in a deployed copy). */
function newestSource(dir = path.join(root, 'src')) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (item.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

if (newestSource() > statSync(built).mtimeMs) {
  process.stderr.write('vigil: note: src/ changed after the last build; run npm run build to run the change\n');
}
await import(pathToFileURL(built).href);
