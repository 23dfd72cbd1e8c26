import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmuMessage } from '@vigil/slack-emulator';
import { retryBackedOffNow } from '../../src/effects/outbox.js';
import { HOOK_HEADERS, verifyHookSignature } from '../../src/shared/hookSignature.js';
import { ACTIONS } from '../../src/slack/blocks/actionIds.js';
import { Harness, findButton, messageText } from '../support/harness.js';
import { KILL_SWITCH_SECRET, OperatorHook, ROLLBACK_SECRET, postDeployment, rollbackPolicy, type HookRequest } from '../support/operatorHook.js';
import { DETECTOR_ALERT } from '../support/samples.js';
import { timelineOf } from '../support/surfacePayloads.js';
import { PEOPLE } from '../support/testPolicy.js';

// Roll back and the kill switch from the incident channel, with a real local HTTP server as the
// operator's hook: signed requests, one logical request per confirmation whatever the hook
// answers, 4xx final, refusals for people without the permission, the outcome in the channel,
// the timeline and the summary, and the review naming both versions.

const { lead, mlPrimary, responder } = PEOPLE;

const deploy = (model: string, version: string, at: string) =>
  ({ model, version, environment: 'production', deployedAt: at, by: 'ci-bot', artifact: `sha256:${model}-${version}` });

/** The pinned summary as it is now (its latest version). */
function summary(h: Harness, incidentId: number): EmuMessage {
  const found = h.channelMessages(incidentId).find((m) => JSON.stringify(m.blocks ?? []).includes('incident-actions'));
  if (!found) throw new Error(`no summary in incident ${incidentId}`);
  return found;
}

async function ephemeralAfter(h: Harness, user: string, before: number): Promise<string> {
  const found = await h.emulator.waitFor(() => h.emulator.ephemerals.filter((e) => e.user === user)[before]);
  return found.text;
}

const ephemeralCount = (h: Harness, user: string) => h.emulator.ephemerals.filter((e) => e.user === user).length;

/** Click a button and wait for the clicker's private answer. */
async function clickAndHear(h: Harness, message: EmuMessage, actionId: string, user: string): Promise<string> {
  const before = ephemeralCount(h, user);
  const res = await h.click(message, actionId, { user });
  expect(res.status).toBe(200);
  return ephemeralAfter(h, user, before);
}

function verifies(request: HookRequest, secret: string): boolean {
  return verifyHookSignature(
    secret,
    { timestamp: request.headers[HOOK_HEADERS.timestamp.toLowerCase()] as string, signature: request.headers[HOOK_HEADERS.signature.toLowerCase()] as string },
    request.body,
    new Date(),
  );
}

const keyOf = (request: HookRequest) => request.headers['idempotency-key'];

/**
 * Until `done`, bring every backed-off retry forward, as if its backoff (1 s, 2 s, 4 s, 8 s, 16 s)
 * had passed: the delivery worker waits on real time, and the test is about what is sent, not
 * about waiting half a minute.
 */
async function hurryRetries(h: Harness, done: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('retries did not finish in time');
    if (retryBackedOffNow(h.vigil.store.db, new Date()) > 0) h.vigil.worker.kick();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('roll back and the kill switch, through the operator\'s hook', () => {
  let h: Harness;
  let hook: OperatorHook;
  let channel: string;

  beforeAll(async () => {
    hook = await OperatorHook.start();
    // A drift monitor watches the model: the verification after a rollback says when it checks next.
    const monitors = 'monitors:\n  - { name: fraud-age, model: fraud-detector, feature: age, baseline: { rolling: 7d }, window: 1h, every: 10m }\n';
    h = await Harness.start({ policyFile: rollbackPolicy(hook.url, '4s') + monitors });
    await postDeployment(h.url, deploy('fraud-detector', 'v14', '2026-11-20T09:00:00Z'));
    await postDeployment(h.url, deploy('fraud-detector', 'v15', '2026-11-22T12:30:00Z'));
    const res = await h.webhook('detector', {
      ...DETECTOR_ALERT,
      dedupKey: 'fraud:accuracy',
      title: 'Fraud accuracy 0.71 below the 0.85 SLA',
      signal: 'accuracy_drop',
      model: { name: 'fraud-detector' },
      metric: { name: 'accuracy', value: 0.71, threshold: 0.85 },
      severity: 'SEV2',
      startedAt: '2026-11-22T15:00:00Z',
      observedAt: '2026-11-22T15:30:00Z',
    });
    expect(res.status).toBe(202);
    await h.settle();
    channel = h.incidentChannel(1)!.id;
    await h.type('ack', { user: mlPrimary, channel });
  });

  afterAll(async () => {
    await h.close();
    await hook.close();
  });

  it('offers Roll back to the previous version and Disable model, each behind a confirm dialog naming model, environment, from and to', () => {
    const blocks = summary(h, 1).blocks ?? [];
    const rollback = findButton(blocks, ACTIONS.rollback)!.element as { text: { text: string }; confirm: { text: { text: string } } };
    expect(rollback.text.text).toBe('Roll back to v14');
    expect(rollback.confirm.text.text).toBe('Roll back *fraud-detector* in *production* from *v15* to *v14*? Vigil sends it to your rollback hook, and this channel sees the answer.');
    const disable = findButton(blocks, ACTIONS.killSwitch)!.element as { text: { text: string }; confirm: { text: { text: string } } };
    expect(disable.text.text).toBe('Disable model');
    expect(disable.confirm.text.text).toContain('Turn off *fraud-detector* in *production* (from *v15* to none)?');
  });

  it('refuses someone without the rollback permission, privately, and puts the attempt on the timeline; nothing is sent', async () => {
    const reply = await clickAndHear(h, summary(h, 1), ACTIONS.rollback, responder);
    expect(reply).toContain('You may not roll back models');
    expect(reply).toContain('permissions.rollback');
    const refused = timelineOf(h, 'permission.refused', 1);
    expect(refused.map((e) => [e.actor, e.data['permission']])).toEqual([[responder, 'rollback']]);
    // The command is refused the same way, before any confirmation is shown.
    expect(await h.type('rollback', { user: responder, channel })).toContain('You may not roll back models');
    expect(timelineOf(h, 'permission.refused', 1)).toHaveLength(2);
    expect(hook.requests).toHaveLength(0);
  });

  let staleSummary: EmuMessage;

  it('sends one logical request when the hook answers 500 once: the retry carries the same key and body, each signed afresh', async () => {
    // A copy, as a client that has not re-rendered yet still shows it: chat.update changes the emulator's message in place.
    staleSummary = structuredClone(summary(h, 1));
    hook.answer({ status: 500, body: 'deployer restarting' });
    const reply = await clickAndHear(h, staleSummary, ACTIONS.rollback, lead);
    expect(reply).toContain('Sent the rollback of *fraud-detector* in *production* from *v15* to *v14*');
    await h.emulator.waitFor(() => hook.requests.length === 2, 10_000);
    await h.settle();

    const [first, retry] = hook.requests as [HookRequest, HookRequest];
    expect(first.path).toBe('/rollback');
    expect(retry.body).toBe(first.body);
    expect(keyOf(retry)).toBe(keyOf(first));
    expect(keyOf(first)).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.headers['content-type']).toBe('application/json');
    for (const request of [first, retry]) {
      expect(verifies(request, ROLLBACK_SECRET)).toBe(true);
      // Signed with this action's secret, not another's.
      expect(verifies(request, KILL_SWITCH_SECRET)).toBe(false);
    }
    expect(verifies({ ...first, body: first.body.replace('v14', 'v13') }, ROLLBACK_SECRET)).toBe(false);
    expect(JSON.parse(first.body)).toEqual({
      action: 'rollback',
      incidentId: 1,
      model: 'fraud-detector',
      environment: 'production',
      from: 'v15',
      to: 'v14',
      requestedBy: lead,
      confirmedAt: h.clock.now().toISOString(),
    });

    const [requested] = timelineOf(h, 'operator_action.requested', 1);
    expect(requested?.actor).toBe(lead);
    expect(requested?.data).toMatchObject({ action: 'rollback', from: 'v15', to: 'v14', idempotencyKey: keyOf(first), body: first.body });
    expect(timelineOf(h, 'operator_action.attempted', 1).map((e) => [e.data['attempt'], e.data['status'], e.data['answer']])).toEqual([[1, 500, 'deployer restarting']]);
    const [answered] = timelineOf(h, 'operator_action.answered', 1);
    expect(answered?.data).toMatchObject({ outcome: 'accepted', status: 202, attempts: 2, from: 'v15', to: 'v14' });
    expect(answered?.shown).toContain('Rollback accepted by the hook: fraud-detector in production from v15 to v14 · HTTP 202');
  });

  it('tells the channel who confirmed, from and to and what the hook answered, and asks the on-call to confirm recovery', () => {
    const texts = h.channelMessages(1).map((m) => m.text);
    const asked = texts.filter((t) => t.startsWith(':rewind:'));
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain(`<@${lead}> confirmed the *rollback* of *fraud-detector* in *production* from *v15* to *v14*`);
    const accepted = h.channelMessages(1).filter((m) => m.text.startsWith(':white_check_mark: *Rollback accepted*'));
    expect(accepted).toHaveLength(1);
    const shown = messageText(accepted[0]!);
    expect(shown).toContain(`*fraud-detector* in *production* from *v15* to *v14*, confirmed by <@${lead}>. The hook answered HTTP 202`);
    expect(shown).toContain('DEPLOY-1');
    expect(shown).toContain(`<@${mlPrimary}>, please confirm the model recovered on *v14*: watch *accuracy* against its threshold (0.85)`);
    expect(findButton(accepted[0]!.blocks ?? [], ACTIONS.confirmRecovery)).toBeDefined();
    expect(shown).toMatch(/Monitor \*fraud-age\* \(age\) (checks next <!date|has not checked yet).*, every 10m\./);
  });

  it('shows the version now live on the summary', () => {
    const text = messageText(summary(h, 1));
    expect(text).toContain(`*Live now:* *v14*, rolled back by <@${lead}>`);
    expect(text).toContain(':white_check_mark: Rollback to *v14* accepted by the hook (HTTP 202)');
    expect(text).toContain('recovery not confirmed yet');
    // Nothing older than v14 is known, so there is no rollback to offer any more.
    expect(findButton(summary(h, 1).blocks ?? [], ACTIONS.rollback)).toBeUndefined();
  });

  it('a click on the same confirmation after success sends nothing and says it is done', async () => {
    const reply = await clickAndHear(h, staleSummary, ACTIONS.rollback, lead);
    expect(reply).toContain('The hook already accepted the rollback');
    expect(reply).toContain('nothing was sent again');
    await h.settle();
    expect(hook.requests).toHaveLength(2);
  });

  it('Recovered records who confirmed and marks the incident mitigated, once', async () => {
    const message = h.channelMessages(1).find((m) => m.text.startsWith(':white_check_mark: *Rollback accepted*'))!;
    await h.click(message, ACTIONS.confirmRecovery, { user: mlPrimary });
    await h.settle();
    const [confirmed] = timelineOf(h, 'operator_action.recovery_confirmed', 1);
    expect(confirmed?.actor).toBe(mlPrimary);
    const [mitigated] = timelineOf(h, 'status.changed', 1).filter((e) => e.data['to'] === 'mitigated');
    expect(mitigated?.data['reason']).toBe('recovery confirmed after the rollback to v14');
    expect(messageText(summary(h, 1))).toContain(`recovery confirmed by <@${mlPrimary}>`);
    expect(await clickAndHear(h, message, ACTIONS.confirmRecovery, lead)).toContain(`Recovery was already confirmed by <@${mlPrimary}>`);
  });

  it('the review\'s AI section names the version the incident was about and the one before it, from the deployment history', async () => {
    await h.type('review', { user: lead, channel });
    const file = await h.emulator.waitFor(() => h.emulator.files().find((f) => f.filename === 'INC-1-review-v1.md'));
    expect(file.content).toContain('- **Version:** v15 (before it: v14)');
    // The change ticket is in the appendix: who confirmed, and what the hook answered.
    expect(file.content).toContain('Rollback accepted by the hook: fraud-detector in production from v15 to v14');
  });

  it('a second click while one is pending sends nothing new and says it is pending', async () => {
    // The hook answers once both clicks are heard (well within its 4 s timeout).
    let answerNow!: () => void;
    const bothClicksHeard = new Promise<void>((resolve) => (answerNow = resolve));
    hook.answer({ status: 200, body: '{"flag":"fraud-detector","enabled":false}', until: bothClicksHeard });
    const message = summary(h, 1);
    const first = await clickAndHear(h, message, ACTIONS.killSwitch, lead);
    expect(first).toContain('Sent the kill switch of *fraud-detector* in *production* from *v14* to _none_');
    const second = await clickAndHear(h, message, ACTIONS.killSwitch, mlPrimary);
    answerNow();
    expect(second).toContain('is still waiting for the hook');
    expect(second).toContain('nothing new was sent');
    await h.settle();
    const disables = hook.requests.filter((r) => r.path === '/disable-model');
    expect(disables).toHaveLength(1);
    expect(verifies(disables[0]!, KILL_SWITCH_SECRET)).toBe(true);
    expect(JSON.parse(disables[0]!.body)).toMatchObject({ action: 'killSwitch', from: 'v14', to: null });
    expect(messageText(summary(h, 1))).toContain(`*Live now:* disabled by the kill switch (<@${lead}>`);
    expect(h.channelMessages(1).filter((m) => m.text.startsWith(':white_check_mark: *Kill switch accepted*'))).toHaveLength(1);
  });

  it('a 4xx is reported with the hook\'s answer and not retried; the command confirms model, environment, from and to first', async () => {
    await postDeployment(h.url, deploy('ranker', 'r1', '2026-11-20T09:00:00Z'));
    await postDeployment(h.url, deploy('ranker', 'r2', '2026-11-22T12:00:00Z'));
    const res = await h.webhook('detector', {
      ...DETECTOR_ALERT,
      dedupKey: 'ranker:latency',
      title: 'Ranker p99 latency 2.1 s',
      signal: 'latency',
      model: { name: 'ranker', version: 'r2' },
      metric: { name: 'p99_seconds', value: 2.1, threshold: 0.5 },
    });
    const incidentId = (res.body as { incidentId: number }).incidentId;
    await h.settle();
    const rankerChannel = h.incidentChannel(incidentId)!.id;

    // A named version; the answer only its author sees is the confirmation, with its button.
    const command = await h.command('rollback r1', { user: lead, channel: rankerChannel });
    const confirmation = command.body as { text: string; blocks: unknown[] };
    expect(confirmation.text).toBe('Roll back *ranker* in *production* from *r2* to *r1*? Vigil sends it to the rollback hook, and the incident channel sees who confirmed and what the hook answered.');
    expect(hook.requests.filter((r) => r.body.includes('"ranker"'))).toHaveLength(0);

    hook.answer({ status: 409, body: '{"error":"artifact sha256:ranker-r1 was garbage-collected"}' });
    const before = h.emulator.responses.length;
    await h.click({ ts: '1.000001', channel: rankerChannel, blocks: confirmation.blocks }, ACTIONS.rollback, { user: lead });
    // The confirmation is replaced by what happened.
    const replaced = await h.emulator.waitFor(() => h.emulator.responses[before]);
    expect(JSON.stringify(replaced.body)).toContain('Sent the rollback of *ranker*');
    await h.settle();

    const sent = hook.requests.filter((r) => r.body.includes('"ranker"'));
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!.body)).toMatchObject({ incidentId, from: 'r2', to: 'r1' });
    const refused = h.channelMessages(incidentId).find((m) => m.text.startsWith(':no_entry: *Rollback refused*'));
    expect(refused?.text).toContain('It answered HTTP 409, which is final: nothing is sent again.');
    expect(refused?.text).toContain('artifact sha256:ranker-r1 was garbage-collected');
    expect(timelineOf(h, 'operator_action.attempted', incidentId)).toHaveLength(0);
    expect(timelineOf(h, 'operator_action.answered', incidentId).map((e) => [e.data['outcome'], e.data['status'], e.data['attempts']])).toEqual([['refused', 409, 1]]);
    expect(messageText(summary(h, incidentId))).toContain(':no_entry: Rollback to *r1* refused by the hook (HTTP 409)');
    // Still r2 live: a refused rollback changed nothing.
    expect(messageText(summary(h, incidentId))).not.toContain('Live now');
  });

  it('a hook that never answers is retried after its timeout, then fails after the last attempt, said in the channel', async () => {
    await postDeployment(h.url, deploy('scorer', 's1', '2026-11-20T09:00:00Z'));
    const res = await h.webhook('detector', {
      ...DETECTOR_ALERT,
      dedupKey: 'scorer:drift',
      title: 'Scorer prediction drift',
      signal: 'prediction_drift',
      model: { name: 'scorer', version: 's1' },
      labels: { environment: 'production' },
    });
    const incidentId = (res.body as { incidentId: number }).incidentId;
    await h.settle();
    // Hangs once (4 s timeout), then the hook is down for good: every later attempt is a 503.
    hook.answer({ hang: true });
    hook.fallback = { status: 503, body: 'unavailable' };
    try {
      await clickAndHear(h, summary(h, incidentId), ACTIONS.killSwitch, lead);
      await hurryRetries(h, () => timelineOf(h, 'operator_action.answered', incidentId).length === 1);
    } finally {
      hook.fallback = { status: 202, body: '{}' };
    }
    await h.settle();
    const attempts = timelineOf(h, 'operator_action.attempted', incidentId);
    expect(attempts[0]?.data).toMatchObject({ attempt: 1, status: null, error: 'no answer within 4s' });
    expect(attempts.slice(1).map((e) => e.data['status'])).toEqual([503, 503, 503, 503]);
    const sent = hook.requests.filter((r) => r.body.includes('"scorer"'));
    expect(sent).toHaveLength(6);
    expect(new Set(sent.map(keyOf)).size).toBe(1);
    expect(new Set(sent.map((r) => r.body)).size).toBe(1);
    const failed = h.channelMessages(incidentId).find((m) => m.text.startsWith(':x: *Kill switch failed*'));
    expect(failed?.text).toContain('No good answer after 6 attempts (last: HTTP 503)');
    expect(failed?.text).toContain('check 127.0.0.1');
  });

});
