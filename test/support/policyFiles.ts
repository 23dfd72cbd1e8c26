import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadPolicyFile } from '../../src/config/load.js';
import type { Policy } from '../../src/config/policy.js';

/**
 * Policy files written to a temporary folder and read as Vigil reads them at start. `dir` is the
 * folder (a test may put runbooks or templates beside the file); `remove()` deletes it.
 */
export function policyFiles(prefix = 'vigil-policy-'): { dir: string; load(yaml: string): Policy; errorOf(yaml: string): string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const load = (yaml: string): Policy => {
    const file = path.join(dir, 'vigil.config.yaml');
    writeFileSync(file, yaml);
    return loadPolicyFile(file);
  };
  return {
    dir,
    load,
    /** The message a refused policy gets; a policy that loads fails the test. */
    errorOf: (yaml) => {
      try {
        load(yaml);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('expected the policy to be refused');
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
