// npm's `prepare` (run by `npm install` and `npm ci`): build Vigil and its emulator once, so
// `npm start` runs at once on a fresh clone. A production install (`npm ci --omit=dev`) has no
// compiler and needs none: it runs a dist/ built elsewhere (or before), so it is skipped with a note.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const has = (name) => {
  try {
    require.resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
};

if (!has('typescript') || !has('esbuild')) {
  console.log('vigil: dev dependencies not installed, so nothing is built here; npm start runs the dist/ already built (npm run build where they are)');
  process.exit(0);
}
const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(build.status ?? 1);
