import { describe, it, type ExpectStatic } from 'vitest';
import type { EmuMessage } from '@vigil/slack-emulator';
import { Harness, fixture } from '../support/harness.js';
import { DETECTOR_ALERT } from '../support/samples.js';
import { PEOPLE } from '../support/testPolicy.js';

// Issue 11: under 30% random Slack faults (500, 429 with Retry-After, and calls Slack performs but
// answers after Vigil's client has given up), every incident still ends with exactly one channel,
// one summary (pinned), one checklist, one page per person per step, and one notice or digest per
// event, all delivered within a minute of Slack healing.

const MINUTE = 60_000;
// Each method draws its faults from its own seeded stream, so the n-th post meets the same fate in
// every run. These seeds lose the answer to some of the first posts (Slack posted, Vigil never
// heard), and fail history look-ups and pins among the first calls: the paths where a retry could
// post twice.
const SEEDS = [35, 37, 110];
/** What "within a minute of Slack healing" allows. */
const HEALED_WITHIN_MS = 60_000;
/**
 * How long Vigil waits for a Slack answer here, and how late a late answer comes: past that
 * timeout, so Vigil never hears it (production waits 10 s, and Slack's late answers come later
 * still; the story is the same at a fifth of the wait).
 */
const CLIENT_TIMEOUT_MS = 2_000;
const LATE_MS = 2_500;
/** How long Slack stays flaky at most, from the first alert (each late answer holds a delivery slot for CLIENT_TIMEOUT_MS). */
const FAULTY_FOR_MS = 8_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Detector alerts for six models: six incidents. */
const MODELS = ['churn-model', 'ranker', 'pricing', 'search-embed', 'credit-risk', 'support-llm'];
const detectorAlert = (model: string) => ({
  ...DETECTOR_ALERT,
  dedupKey: `${model}:psi:age`,
  title: `PSI on feature age of ${model} is 0.31`,
  model: { name: model, version: '2026-11-02' },
});
/** The same signal on the same model, another feature: it joins the incident and goes to its digest. */
const joiningAlert = (model: string, i: number) => ({
  ...detectorAlert(model),
  dedupKey: `${model}:psi:feature-${i}`,
  title: `PSI on feature f${i} of ${model} is 0.3${i}`,
});

const effectIdOf = (m: EmuMessage): number | undefined => {
  const payload = m.metadata?.event_payload as { effect_id?: unknown } | undefined;
  return m.metadata?.event_type === 'vigil_effect' ? Number(payload?.effect_id) : undefined;
};
const topLevel = (messages: EmuMessage[]) => messages.filter((m) => !m.threadTs || m.threadTs === m.ts);

interface EffectRecord {
  id: number;
  incident_id: number | null;
  kind: string;
  status: string;
  payload: string;
  result: string | null;
  last_error: string | null;
}

describe.concurrent('exactly once under 30% random Slack faults', () => {
  // Each seed has its own Vigil and emulator, so the seeds run side by side: each spends its
  // quarter minute waiting (8 s of faults, retries backing off, late answers holding a delivery
  // slot for the client's timeout, Slack's pace), not computing.
  for (const seed of SEEDS) {
    it(`seed ${seed}: every incident gets each of its messages exactly once, within a minute of Slack healing`, async ({ expect }) => {
      // "Within a minute of healing" is a claim about Slack's real pace: deliver at it.
      await Harness.run({ slackPace: true, slackTimeoutMs: CLIENT_TIMEOUT_MS }, (h) => exactlyOnceUnderFaults(h, seed, expect));
    }, 150_000);
  }
});

async function exactlyOnceUnderFaults(h: Harness, seed: number, expect: ExpectStatic): Promise<void> {
  const sql = <T>(query: string, ...params: unknown[]) => h.vigil.store.sqlite.prepare(query).all(...params) as T[];
  const undelivered = () =>
    (h.vigil.store.sqlite.prepare("select count(*) as n from effects where status in ('pending', 'in_flight')").get() as { n: number }).n;
  const channelIdOf = (incidentId: number) =>
    (h.vigil.store.sqlite.prepare('select channel_id from incidents where id = ?').get(incidentId) as { channel_id: string | null }).channel_id;

  /** Wait (in real time, under faults) until Vigil has recorded the incident's channel, so commands can be typed in it. */
  async function channelOf(incidentId: number, timeoutMs = 45_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const id = channelIdOf(incidentId);
      if (id) return id;
      if (Date.now() > deadline) throw new Error(`INC-${incidentId} has no channel after ${timeoutMs} ms of faults`);
      await sleep(50);
    }
  }

  async function typeIn(incidentId: number, text: string, user: string): Promise<string> {
    const res = await h.command(text, { channel: await channelOf(incidentId), user });
    const body = res.body as { text?: string };
    expect(res.status, `/incident ${text}`).toBe(200);
    return body.text ?? '';
  }

  h.emulator.randomFaults({ seed, rate: 0.3, kinds: ['status500', 'rateLimited', 'late'], lateMs: LATE_MS });
  const faultsFrom = Date.now();

  // Seven incidents: six detector alerts on six models, and the Alertmanager group.
  const opened: number[] = [];
  for (const model of MODELS) {
    const res = await h.webhook('detector', detectorAlert(model));
    expect(res.status).toBe(202);
    opened.push((res.body as { incidentId: number }).incidentId);
  }
  const am = await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
  expect(am.status).toBe(202);
  opened.push((am.body as { incidentId: number }).incidentId);
  expect(new Set(opened).size).toBe(7);

  // Routine alerts join the first three incidents: one digest each, edited in place.
  const digested = opened.slice(0, 3);
  for (const [n, model] of MODELS.slice(0, 3).entries()) {
    for (let i = 1; i <= 3; i++) {
      const res = await h.webhook('detector', joiningAlert(model, i));
      expect((res.body as { incidentId: number }).incidentId).toBe(digested[n]);
    }
  }

  // People act in the channels while Slack is still flaky.
  const [acked, noted, raised] = [opened[0]!, opened[1]!, opened[2]!];
  const [ackReply, noteReply, severityReply] = await Promise.all([
    typeIn(acked, 'ack', PEOPLE.dataPrimary),
    typeIn(noted, 'note rolled back the feature store to v41 under faults', PEOPLE.responder),
    typeIn(raised, 'severity SEV2 accuracy keeps falling', PEOPLE.responder),
  ]);
  expect(ackReply).toContain(`You acknowledged INC-${acked}`);
  expect(noteReply).toContain('Noted');
  expect(severityReply).toContain('is now *SEV2*');

  // A quarter of an hour later, nobody has acknowledged the others: L2 is paged.
  h.clock.advance(15 * MINUTE);
  h.vigil.scheduler.tick();
  // Slack stays flaky while Vigil works through all of it (for FAULTY_FOR_MS from the first
  // alert at most, and a few seconds past the L2 pages), so set-up, summaries, pins, pages,
  // notices and their retries all meet the faults.
  const faultyUntil = Math.max(faultsFrom + FAULTY_FOR_MS, Date.now() + 5_000);
  while (undelivered() > 0 && Date.now() < faultyUntil) await sleep(100);
  const leftAtHealing = undelivered();

  h.emulator.healFaults();
  const healedAt = Date.now();
  const faultyMs = healedAt - faultsFrom;
  await h.vigil.settle(HEALED_WITHIN_MS);
  const deliveredMs = Date.now() - healedAt;
  expect(deliveredMs).toBeLessThan(HEALED_WITHIN_MS);

  const effects = sql<EffectRecord>('select id, incident_id, kind, status, payload, result, last_error from effects order by id');
  // Nothing given up: none of these faults is permanent.
  expect(effects.filter((e) => e.status === 'dead').map((e) => `${e.kind}: ${e.last_error}`)).toEqual([]);
  expect(effects.filter((e) => e.status !== 'done')).toEqual([]);

  // Every message Vigil posted carries its effect id: no effect's message is in any conversation twice.
  const conversations = h.emulator.channels();
  const posted = conversations.flatMap((c) => h.emulator.messages(c.id).filter((m) => !m.deleted));
  const byEffectAndChannel = new Map<string, number>();
  for (const m of posted) {
    const id = effectIdOf(m);
    if (id === undefined) continue;
    const key = `${m.channel}/${id}`;
    byEffectAndChannel.set(key, (byEffectAndChannel.get(key) ?? 0) + 1);
  }
  expect([...byEffectAndChannel].filter(([, n]) => n > 1)).toEqual([]);
  // ...and every effect that posts has its message.
  const postedIds = new Set(posted.map(effectIdOf));
  const POSTING = ['summary.post', 'checklist.post', 'channel.notice', 'page.dm', 'announce.post'];
  const skipped = (e: EffectRecord) => e.result !== null && 'skipped' in (JSON.parse(e.result) as object);
  expect(effects.filter((e) => POSTING.includes(e.kind) && !skipped(e) && !postedIds.has(e.id)).map((e) => `${e.id} ${e.kind}`)).toEqual([]);

  const counts = { channels: 0, summaries: 0, pinned: 0, checklists: 0, pageDms: 0, notices: 0, digests: 0, announcements: 0 };
  const announcements = topLevel(h.emulator.messages('C0ANNOUNCE'));
  for (const n of opened) {
    const where = `INC-${n} (seed ${seed})`;
    const channels = conversations.filter((c) => c.name.startsWith(`inc-${n}-`));
    expect(channels, where).toHaveLength(1);
    const channel = channels[0]!;
    const messages = topLevel(h.emulator.messages(channel.id).filter((m) => !m.deleted));
    const summaries = messages.filter((m) => m.text.startsWith(`INC-${n} `));
    expect(summaries, where).toHaveLength(1);
    expect(channel.pins, where).toEqual([summaries[0]!.ts]);
    expect(messages.filter((m) => m.text === 'Triage checklist'), where).toHaveLength(1);
    expect(announcements.filter((m) => m.text.includes(`INC-${n}`)), where).toHaveLength(1);

    // One notice per notice effect: counted by what each says, not only by effect id.
    const noticeEffects = effects.filter((e) => e.incident_id === n && e.kind === 'channel.notice');
    const notices = messages.filter((m) => noticeEffects.some((e) => e.id === effectIdOf(m)));
    expect(notices, where).toHaveLength(noticeEffects.length);
    const saying = (part: string) => messages.filter((m) => m.text.includes(part)).length;
    if (n === acked) expect(saying('acknowledged <!date'), where).toBe(1);
    if (n === noted) expect(saying('rolled back the feature store to v41 under faults'), where).toBe(1);
    if (n === raised) expect(saying('Severity SEV3 → *SEV2*'), where).toBe(1);
    expect(saying('Alert digest'), where).toBe(digested.includes(n) ? 1 : 0);
    if (digested.includes(n)) expect(messages.find((m) => m.text.includes('Alert digest'))!.text, where).toContain('4 alerts in this incident');

    // One DM per paged person per step, and a page notice for each step.
    const pages = effects.filter((e) => e.incident_id === n && e.kind === 'page.dm').map((e) => JSON.parse(e.payload) as { userId: string; stepLabel: string });
    const steps = new Set(pages.map((p) => p.stepLabel));
    expect(steps.has('L1'), where).toBe(true);
    expect(steps.has('L2'), where).toBe(n !== acked);
    for (const page of pages) {
      // Once acknowledged, the page is edited: "Page (L1) for INC-n ..." instead of "You are paged (L1) ...".
      const dms = h.emulator.dmsTo(page.userId).filter((m) => [`You are paged (${page.stepLabel}) for INC-${n} `, `Page (${page.stepLabel}) for INC-${n} `].some((head) => m.text.startsWith(head)));
      expect(dms, `${where} ${page.stepLabel} DM to ${page.userId}`).toHaveLength(1);
    }
    for (const step of steps) expect(saying(`:pager: ${step}: paged`), `${where} ${step} notice`).toBe(1);

    counts.channels += channels.length;
    counts.summaries += summaries.length;
    counts.pinned += channel.pins.length;
    counts.checklists += messages.filter((m) => m.text === 'Triage checklist').length;
    counts.pageDms += pages.length;
    counts.notices += notices.length;
    counts.digests += saying('Alert digest');
    counts.announcements += announcements.filter((m) => m.text.includes(`INC-${n}`)).length;
  }
  const faults = h.emulator.faultStats();
  // Calls Slack carried out but whose answer Vigil never got: each was found again, not redone.
  const lost = (method: string) => h.emulator.callsTo(method).filter((c) => c.fault?.startsWith('late') && (c.response as { ok?: boolean }).ok).length;
  expect(lost('chat.postMessage'), 'the seed no longer loses the answer to any post: pick another').toBeGreaterThan(0);
  const dead = effects.filter((e) => e.status === 'dead').length;
  console.log(
    `[faults] seed ${seed}: ${faults.calls} Slack calls in ${(faultyMs / 1000).toFixed(1)} s of faults, ${faults.faults.status500} x 500, ${faults.faults.rateLimited} x 429, ${faults.faults.late} late ` +
      `(answers lost after Slack had done it: ${lost('chat.postMessage')} posts, ${lost('conversations.create')} channel creations, ${lost('pins.add')} pins); ` +
      `${opened.length} incidents -> ${counts.channels} channels, ${counts.summaries} summaries (${counts.pinned} pinned), ${counts.checklists} checklists, ` +
      `${counts.announcements} announcements, ${counts.pageDms} page DMs for ${counts.pageDms} page effects, ${counts.notices} notices for ${counts.notices} notice effects, ` +
      `${counts.digests} digests; ${dead} dead; ${leftAtHealing} effects left at healing, delivered ${(deliveredMs / 1000).toFixed(1)} s after it`,
  );
}

// Concurrent too, so it runs beside the seeds above instead of after them.
describe.concurrent('the reproduction of issue 11', () => {
  it('pins.add fails with 500, then the look-up for the earlier post fails with 500: the summary is posted once, and pinned', ({ expect }) =>
    Harness.run({}, async (h) => {
      h.emulator.injectFault('pins.add', { status: 500 });
      h.emulator.injectFault('conversations.history', { status: 500 });
      await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
      // Two backoffs (a tenth of production's in the harness); allowed long, as it shares its process with the seeds above.
      await h.settle(30_000);
      const summaries = h.channelMessages(1).filter((m) => m.text.startsWith('INC-1 '));
      expect(summaries).toHaveLength(1);
      expect(h.incidentChannel(1)!.pins).toEqual([summaries[0]!.ts]);
      // It did look, failed, waited, and looked again rather than posting blind.
      const history = h.emulator.callsTo('conversations.history').filter((c) => (c.args as { channel: string }).channel === h.incidentChannel(1)!.id);
      expect(history.map((c) => c.status)).toEqual([500, 200]);
      expect(h.emulator.callsTo('pins.add').map((c) => c.status)).toEqual([500, 200]);
    }));
});
