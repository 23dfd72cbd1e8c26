import { accessSync, constants, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Where tests keep their databases: in memory (/dev/shm) where the machine has it, else the
 * system's temporary folder; VIGIL_TEST_TMPDIR overrides both. Vigil commits with
 * `synchronous = FULL`, so on a disk every commit waits for an fsync; the suite makes thousands,
 * and those waits were a large share of an end-to-end test's time. What the tests assert is
 * unchanged: a killed process loses nothing either way (its writes are in the kernel), and a power
 * cut is not something a test can do.
 */
function scratchRoot(): string {
  const chosen = process.env['VIGIL_TEST_TMPDIR'];
  if (chosen) return chosen;
  try {
    if (statSync('/dev/shm').isDirectory()) {
      accessSync('/dev/shm', constants.W_OK);
      return '/dev/shm';
    }
  } catch {
    // No /dev/shm (macOS, Windows): the temporary folder it is.
  }
  return tmpdir();
}

const ROOT = scratchRoot();

/** A new empty directory for one test's files; the caller removes it. */
export function scratchDir(prefix: string): string {
  return mkdtempSync(path.join(ROOT, prefix));
}
