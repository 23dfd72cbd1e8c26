import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.js';
import { TOKENS } from '../support/testPolicy.js';

// A real Prometheus Alertmanager (Debian's package; .ci/run installs it) delivering to Vigil,
// so the contract is checked against the real sender, not only against our fixtures.
const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';
const AM_PORT = 19093;

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} did not come up`);
}

describe.skipIf(!existsSync(ALERTMANAGER))('a real Alertmanager delivering to Vigil (skipped where prometheus-alertmanager is not installed)', () => {
  let h: Harness;
  let dir: string;
  let alertmanager: ChildProcess;

  beforeAll(async () => {
    h = await Harness.start();
    dir = mkdtempSync(path.join(tmpdir(), 'vigil-am-'));
    writeFileSync(
      path.join(dir, 'alertmanager.yml'),
      [
        'route: { receiver: vigil, group_by: [alertname, model], group_wait: 1s, group_interval: 1s, repeat_interval: 1h }',
        'receivers:',
        '  - name: vigil',
        '    webhook_configs:',
        `      - url: ${h.url}/webhooks/alertmanager`,
        '        send_resolved: true',
        '        http_config:',
        `          authorization: { type: Bearer, credentials: ${TOKENS.alertmanager} }`,
      ].join('\n'),
    );
    alertmanager = spawn(
      ALERTMANAGER,
      [
        `--config.file=${path.join(dir, 'alertmanager.yml')}`,
        `--storage.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${AM_PORT}`,
        '--cluster.listen-address=',
      ],
      { stdio: 'ignore' },
    );
    await waitForHttp(`http://127.0.0.1:${AM_PORT}/-/ready`, 20_000);
  });

  afterAll(async () => {
    alertmanager?.kill('SIGKILL');
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const postAlert = (endsAt?: string) =>
    fetch(`http://127.0.0.1:${AM_PORT}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          labels: { alertname: 'ModelAccuracyBelowSLA', model: 'fraud-detector', model_version: '2026-11-02', severity: 'critical', segment: 'cnp' },
          annotations: { summary: 'fraud-detector accuracy 0.71 is below the 0.85 SLA', value: '0.71', threshold: '0.85' },
          ...(endsAt ? { endsAt } : {}),
        },
      ]),
    });

  it('opens an incident from what Alertmanager sends, and posts the cleared signal when it resolves', async () => {
    expect((await postAlert()).ok).toBe(true);
    const channel = await h.emulator.waitFor(() => h.emulator.channels().find((c) => c.name.startsWith('inc-1-')), 20_000);
    await h.settle();
    const summary = JSON.stringify(h.emulator.messages(channel.id)[0]!.blocks);
    expect(summary).toContain('SEV1');
    expect(summary).toContain('fraud-detector @ 2026-11-02');
    expect(summary).toContain('= *0.71* (threshold 0.85)');
    expect(summary).toContain('segment=cnp');

    expect((await postAlert(new Date(Date.now() - 1000).toISOString())).ok).toBe(true);
    await h.emulator.waitFor(() => h.emulator.messages(channel.id).find((m) => m.text.includes('Signal cleared')), 20_000);
  });
});
