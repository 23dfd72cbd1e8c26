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
//
// The copy is kept between runs, named by a hash of everything it is made from (src/, the two
// scripts, the TypeScript settings, the lockfile, templates/, the root's entries): a run whose
// sources did not change starts its processes from the last one's copy instead of spending
// ~2.5 s of CPU (and as long before the first test) making it again. Copies unused for a day
// are removed.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs';
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

/** What the compiled copy is made from: a change to any of it makes a new copy. */
const INPUTS = ['src', 'templates', 'scripts/checkTemplates.mjs', 'scripts/bundleStart.mjs', 'tsconfig.json', 'tsconfig.base.json', 'package-lock.json'];
const UNUSED_FOR_MS = 24 * 60 * 60_000;

function inputsHash(): string {
  // The copy links every entry of the root beside its src/: a new one needs a new copy too.
  const hash = createHash('sha256').update(ROOT).update('\0').update(readdirSync(ROOT).sort().join('\0')).update('\0');
  for (const input of INPUTS) {
    const at = path.join(ROOT, input);
    const files = statSync(at).isDirectory() ? readdirSync(at, { recursive: true, encoding: 'utf8' }).sort().map((file) => path.join(input, file)) : [input];
    for (const file of files) {
      const full = path.join(ROOT, file);
      if (statSync(full).isFile()) hash.update(file).update('\0').update(readFileSync(full)).update('\0');
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** A compiled copy of the current sources: the one kept from an earlier run, else a new one. */
async function compiledCopy(): Promise<string> {
  // In memory where there is /dev/shm: writing and removing a few hundred files on a busy disk took over a second.
  const scratch = scratchDir('vigil-build-');
  const root = path.dirname(scratch);
  const kept = path.join(root, `vigil-build-kept-${inputsHash()}`);
  if (existsSync(path.join(kept, 'src/main.js'))) {
    rmSync(scratch, { recursive: true, force: true });
  } else {
    rmSync(kept, { recursive: true, force: true }); // not a whole copy, if anything
    for (const entry of readdirSync(ROOT)) {
      if (entry !== 'src') symlinkSync(path.join(ROOT, entry), path.join(scratch, entry));
    }
    await compile(scratch);
    try {
      // Made whole elsewhere, then moved in at once: a run started meanwhile sees all of it or none.
      renameSync(scratch, kept);
    } catch {
      // Another run kept the same copy first: use theirs.
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  const now = new Date();
  utimesSync(kept, now, now);
  for (const entry of readdirSync(root)) {
    const other = path.join(root, entry);
    if (!entry.startsWith('vigil-build-kept-') || other === kept) continue;
    try {
      if (now.getTime() - statSync(other).mtimeMs > UNUSED_FOR_MS) rmSync(other, { recursive: true, force: true });
    } catch {
      // Removed by another run meanwhile.
    }
  }
  return kept;
}

export default async function setup(project: TestProject): Promise<void> {
  project.provide('vigilBuild', await compiledCopy());
  // Watch mode: a rerun after an edit in src/ must not start yesterday's code.
  project.onTestsRerun(async () => project.provide('vigilBuild', await compiledCopy()));
}
