import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackEmulator, type EmuMessage, type SlackEmulator } from '@vigil/slack-emulator';
import { RESTARTED_MID_REQUEST } from '../../src/incidents/operatorActions/hookAttempts.js';
import { HOOK_HEADERS, verifyHookSignature } from '../../src/shared/hookSignature.js';
import { ACTIONS } from '../../src/slack/blocks/actionIds.js';
import { SIGNING_SECRET, buttonClickBody, findButton } from '../support/harness.js';
import { OperatorHook, ROLLBACK_SECRET, postDeployment, rollbackPolicy, type HookRequest } from '../support/operatorHook.js';
import { DETECTOR_ALERT } from '../support/samples.js';
import { scratchDir } from '../support/scratch.js';
import { slackSignatureHeaders } from '../support/signing.js';
import { PEOPLE, TOKENS } from '../support/testPolicy.js';
import { VigilProcess } from '../support/vigilProcess.js';

// Vigil killed (SIGKILL) while the operator's hook holds a rollback request: after the restart
// the request is sent again with the same Idempotency-Key and body, the cut attempt is on the
// timeline as one whose answer was never heard, and the channel hears of the rollback once.

/** A button click signed as Slack signs it, to the process. */
async function click(vigil: VigilProcess, message: EmuMessage, actionId: string, user: string): Promise<number> {
  const body = buttonClickBody(message, actionId, user);
  const headers = { 'content-type': 'application/x-www-form-urlencoded', ...slackSignatureHeaders(SIGNING_SECRET, body) };
  return (await fetch(`${vigil.url}/slack/events`, { method: 'POST', headers, body })).status;
}

describe('a restart while the hook holds a rollback request', { timeout: 90_000 }, () => {
  let emulator: SlackEmulator;
  let hook: OperatorHook;
  let vigil: VigilProcess;
  let dir: string;

  const databasePath = () => path.join(dir, 'vigil.db');
  function rows<T>(sql: string): T[] {
    const db = new Database(databasePath(), { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  }
  const undelivered = () => rows<{ n: number }>("select count(*) as n from effects where status in ('pending', 'in_flight')")[0]!.n;

  beforeAll(async () => {
    emulator = createSlackEmulator({ users: Object.values(PEOPLE).map((id) => ({ id, name: id.toLowerCase() })) });
    await emulator.start(0);
    emulator.addChannel({ name: 'announcements', id: 'C0ANNOUNCE' });
    hook = await OperatorHook.start();
    dir = scratchDir('vigil-rollback-restart-');
    // A long timeout: the request must still be held by the hook when the process is killed.
    writeFileSync(path.join(dir, 'vigil.config.yaml'), rollbackPolicy(hook.url, '30s'));
    vigil = new VigilProcess({
      SLACK_BOT_TOKEN: emulator.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: emulator.apiUrl,
      DATABASE_PATH: databasePath(),
      VIGIL_CONFIG: path.join(dir, 'vigil.config.yaml'),
    });
  });

  afterAll(async () => {
    await vigil.kill();
    await hook.close();
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the same request again after the restart, and says the cut attempt was never answered', async () => {
    await vigil.start();
    const deploy = (version: string, deployedAt: string) => ({ model: 'fraud-detector', version, environment: 'production', deployedAt, by: 'ci-bot' });
    expect((await postDeployment(vigil.url, deploy('v14', '2026-01-10T09:00:00Z'))).status).toBe(202);
    expect((await postDeployment(vigil.url, deploy('v15', new Date(Date.now() - 3 * 3600_000).toISOString()))).status).toBe(202);
    const alert = await fetch(`${vigil.url}/webhooks/detector`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKENS.detector}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...DETECTOR_ALERT, model: { name: 'fraud-detector' }, startedAt: new Date(Date.now() - 3600_000).toISOString(), observedAt: new Date().toISOString() }),
    });
    expect(alert.status).toBe(202);
    const summary = await emulator.waitFor(() => {
      const channel = emulator.channels().find((c) => c.name.startsWith('inc-1-'));
      return channel && emulator.messages(channel.id).find((m) => findButton(m.blocks ?? [], ACTIONS.rollback));
    }, 20_000);

    hook.answer({ hang: true });
    expect(await click(vigil, summary, ACTIONS.rollback, PEOPLE.lead)).toBe(200);
    await emulator.waitFor(() => hook.requests.length === 1, 10_000);
    // Killed while the hook holds the request: Vigil never hears whether it was acted on.
    await vigil.kill();
    hook.releaseHanging();

    await vigil.start();
    await emulator.waitFor(() => hook.requests.length === 2 && undelivered() === 0, 20_000);
    const [cut, resent] = hook.requests as [HookRequest, HookRequest];
    expect(resent.headers['idempotency-key']).toBe(cut.headers['idempotency-key']);
    expect(resent.body).toBe(cut.body);
    for (const request of [cut, resent]) {
      const headers = { timestamp: request.headers[HOOK_HEADERS.timestamp.toLowerCase()] as string, signature: request.headers[HOOK_HEADERS.signature.toLowerCase()] as string };
      expect(verifyHookSignature(ROLLBACK_SECRET, headers, request.body, new Date())).toBe(true);
    }

    const timeline = rows<{ kind: string; data: string }>("select kind, data from timeline_events where kind like 'operator_action.%' order by id").map((r) => ({ kind: r.kind, data: JSON.parse(r.data) as Record<string, unknown> }));
    expect(timeline.map((e) => e.kind)).toEqual(['operator_action.requested', 'operator_action.attempted', 'operator_action.answered']);
    expect(timeline[1]!.data).toMatchObject({ attempt: 1, status: null, error: RESTARTED_MID_REQUEST });
    expect(timeline[2]!.data).toMatchObject({ outcome: 'accepted', attempts: 2, from: 'v15', to: 'v14' });
    expect(rows<{ n: number }>('select count(*) as n from operator_actions')[0]!.n).toBe(1);

    const channel = emulator.channels().find((c) => c.name.startsWith('inc-1-'))!;
    const texts = emulator.messages(channel.id).map((m) => m.text);
    expect(texts.filter((t) => t.startsWith(':rewind:'))).toHaveLength(1);
    expect(texts.filter((t) => t.startsWith(':white_check_mark: *Rollback accepted*'))).toHaveLength(1);
    // Nobody acknowledged: the person paged first (a data drift pages the data rotation) is asked to confirm the recovery.
    const accepted = emulator.messages(channel.id).find((m) => m.text.startsWith(':white_check_mark: *Rollback accepted*'))!;
    expect(JSON.stringify(accepted.blocks)).toContain(`<@${PEOPLE.dataPrimary}>, please confirm the model recovered on *v14*`);
  });
});
