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
    // An end-to-end test still waits a little (Slack's pace where a test is about it, child
    // processes starting), so one file more than there are cores; more cost CPU without gaining
    // time, now that the harness retries and looks at its queue at once. On this 2-core machine,
    // four runs each, alternating: 3 workers 55.6-66.4 s (81-99 s of CPU), 4 workers 56.7-73.6 s
    // (94-121 s). vitest's default, cores - 1, is a single worker on a 2-core machine.
    // VITEST_MAX_WORKERS or --maxWorkers overrides it.
    maxWorkers: Math.min(8, availableParallelism() + 1),
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
