// vitest globalSetup: compile src/ once to plain JavaScript for the tests that run Vigil as a real
// process (vigilProcess.ts). Starting `node --import tsx src/main.ts` compiles every module of src/
// again in each child (about 3.4 s of CPU and 2.3 s to listening); node on the compiled files
// takes about 1.8 s of CPU and 1.3 s. The crash and restart tests start a dozen processes.
//
// Each file is compiled on its own (no bundle), into <tmp>/src/ beside links to every other entry
// of the repository root, so paths a module resolves from its own location (`../../migrations`,
// `../../templates`, `../../runbooks`) and package imports (node_modules) reach the real ones.
// Then, as `npm run build` does, the built-in templates are checked once and the stamp written
// (scripts/checkTemplates.mjs), so each child process does not check them again at start, and
// the start is bundled (scripts/bundleStart.mjs: <tmp>/src/main.js loads <tmp>/src/bundle/),
// about 0.35 s of CPU less for each of the ~25 processes a run starts.
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';
import { scratchDir } from './scratch.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Root of the compiled copy of the repository: `<vigilBuild>/src/main.js` is Vigil's entry point. */
    vigilBuild: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, '../..');

async function compile(out: string): Promise<void> {
  rmSync(path.join(out, 'src'), { recursive: true, force: true });
  const sources = readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => path.join(ROOT, 'src', file));
  await build({
    entryPoints: sources,
    outdir: path.join(out, 'src'),
    outbase: path.join(ROOT, 'src'),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    logLevel: 'warning',
  });
  for (const script of ['scripts/checkTemplates.mjs', 'scripts/bundleStart.mjs']) {
    execFileSync(process.execPath, [path.join(ROOT, script), path.join(out, 'src')], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  // In memory where there is /dev/shm: writing and removing a few hundred files on a busy disk took over a second.
  const out = scratchDir('vigil-build-');
  for (const entry of readdirSync(ROOT)) {
    if (entry !== 'src') symlinkSync(path.join(ROOT, entry), path.join(out, entry));
  }
  await compile(out);
  // Watch mode: a rerun after an edit in src/ must not start yesterday's code.
  project.onTestsRerun(() => compile(out));
  project.provide('vigilBuild', out);
  return () => rmSync(out, { recursive: true, force: true });
}
