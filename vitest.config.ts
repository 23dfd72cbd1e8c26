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
    reporters: process.env['CI'] ? ['default', ['json', { outputFile: '.vitest-results.json' }]] : ['default'],
  },
});
