import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackEmulator } from '@vigil/slack-emulator';
import { BASE_POLICY, PEOPLE } from '../support/testPolicy.js';
import { ProcessRig } from '../support/processRig.js';
import { runVigilOnce, type VigilProcess } from '../support/vigilProcess.js';

const T0 = new Date('2026-11-22T16:01:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000).toISOString();

// Real processes start slowly on a busy machine (10 s each when the suite's other workers are
// starting theirs), and this test starts four: two minutes, not the default half.
describe('escalation across a restart', { timeout: 120_000 }, () => {
  let rig: ProcessRig;
  let emulator: SlackEmulator;
  let vigil: VigilProcess;

  beforeAll(async () => {
    rig = await ProcessRig.create();
    ({ emulator, vigil } = rig);
  });

  afterAll(async () => {
    await rig.destroy();
  });

  it('a process killed at minute 14 and started at minute 20 sends the L2 page exactly once', async () => {
    await vigil.start({ VIGIL_CLOCK_START: at(0) });
    const res = await rig.fireAlertmanager();
    expect(res.status).toBe(202);
    await emulator.waitFor(() => emulator.dmsTo(PEOPLE.mlPrimary).length === 1, 15_000);
    await vigil.kill();

    // Minute 14: up, nothing due yet; then killed again.
    await vigil.start({ VIGIL_CLOCK_START: at(14) });
    // What the start found due is queued before it listens: once the outbox is empty, it has all reached Slack.
    await rig.delivered();
    expect(emulator.dmsTo(PEOPLE.mlSecondary)).toHaveLength(0);
    await vigil.kill();

    // Minute 20: the L2 step came due while the process was down; it fires once at start.
    await vigil.start({ VIGIL_CLOCK_START: at(20) });
    await emulator.waitFor(() => emulator.dmsTo(PEOPLE.mlSecondary).length === 1, 15_000);
    await vigil.kill();

    // And another restart does not page it again.
    await vigil.start({ VIGIL_CLOCK_START: at(21) });
    await rig.delivered();
    await vigil.kill();
    expect(emulator.dmsTo(PEOPLE.mlSecondary)).toHaveLength(1);
    expect(emulator.dmsTo(PEOPLE.mlPrimary)).toHaveLength(1);
    expect(emulator.dmsTo(PEOPLE.lead)).toHaveLength(0);
  });
});

describe('a bad policy file stops the start with one clear line', () => {
  it('names the file, the field and what is wrong with a duration', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vigil-badpolicy-'));
    try {
      writeFileSync(
        path.join(dir, 'vigil.config.yaml'),
        `${BASE_POLICY}\nescalation:\n  default:\n    - { after: 0m, notify: primary }\n    - { after: 5 minutes, notify: secondary }\n`,
      );
      const result = await runVigilOnce({ VIGIL_CONFIG: path.join(dir, 'vigil.config.yaml'), DATABASE_PATH: path.join(dir, 'v.db') });
      expect(result.code).toBe(1);
      const lines = result.output.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toBe(
        'vigil: configuration error: vigil.config.yaml: escalation.default[1].after: "5 minutes" is not a duration; use e.g. 30s, 5m, 2h, 1d',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
