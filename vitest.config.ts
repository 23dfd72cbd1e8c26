import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests run the emulator package from its TypeScript source (as tsconfig.json's customConditions
    // type-checks it), so an edit there needs no rebuild; `node dist/main.js` loads its build.
    alias: { '@vigil/slack-emulator': fileURLToPath(new URL('./packages/slack-emulator/src/index.ts', import.meta.url)) },
  },
  test: {
    // Bundles the emulator's web page script first, so no test serves a stale one.
    // Then compiles src/ once for the tests that run Vigil as a child process (test/support/buildForProcesses.ts).
    globalSetup: ['./packages/slack-emulator/scripts/bundlePage.mjs', './test/support/buildForProcesses.ts'],
    include: ['test/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    // End-to-end tests start real servers and child processes; give them room on a shared 2-core box.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // An end-to-end test spends much of its time waiting (retry backoffs, Slack's pace where a test
    // is about it, child processes starting), not computing: run twice as many files at once as
    // there are cores. vitest's default, cores - 1, is a single worker on a 2-core machine.
    // VITEST_MAX_WORKERS or --maxWorkers overrides it.
    maxWorkers: Math.min(8, 2 * availableParallelism()),
    // Each worker imports src/ and its packages once (Bolt alone takes about a second), not once
    // per file. Safe because tests share no module state: every app is built by createVigil from
    // explicit parts, and a spy is restored where it is set.
    isolate: false,
    // Keep each transformed module (TypeScript to JavaScript) in node_modules/.experimental-vitest-cache
    // between runs, keyed by its content and this config: a run transforms only what changed since
    // the last one. One file's run here: 11.2-11.7 -> 8.0-9.0 s of CPU, import 4.5 -> 2.1 s.
    experimental: { fsModuleCache: true },
    reporters: process.env['CI'] ? ['default', ['json', { outputFile: '.vitest-results.json' }]] : ['default'],
  },
});
