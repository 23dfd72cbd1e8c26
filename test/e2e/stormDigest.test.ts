import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, fixture } from '../support/harness.js';
import { DETECTOR_ALERT } from '../support/samples.js';
import { timelineOf } from '../support/surfacePayloads.js';

// An alert storm into an open incident: the channel gets one digest edited in place, not a line
// per alert; what is genuinely new (another signal, another model, a worse severity) still
// gets its own line at once.
describe('alert storms are digested', () => {
  let h: Harness;

  beforeEach(async () => {
    // What these tests count depends on Slack's pace (the digest edited at most every 5 s, chatter
    // a message a second): kept, four times faster, so the digest's window is still far longer
    // than a burst of webhooks takes to arrive.
    h = await Harness.start({ slackPace: 4 });
  });

  afterEach(async () => {
    await h.close();
  });

  const routine = (i: number) => ({ ...DETECTOR_ALERT, dedupKey: `fraud:psi:feature-${i}`, title: `PSI on feature f${i} is 0.3${i % 10}` });

  async function openIncident(): Promise<string> {
    const res = await h.webhook('detector', DETECTOR_ALERT);
    expect(res.status).toBe(202);
    await h.settle();
    return h.incidentChannel(1)!.id;
  }

  it('many joining alerts make one digest message with the right counts, edited in place, details in its thread', async () => {
    const channel = await openIncident();
    const postsBefore = h.emulator.callsTo('chat.postMessage').length;

    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => h.webhook('detector', routine(i))));
    expect(answers.map((a) => a.status)).toEqual(Array(60).fill(202));
    expect(new Set(answers.map((a) => (a.body as { incidentId: number }).incidentId))).toEqual(new Set([1]));
    await h.settle();

    const messages = h.emulator.messages(channel).filter((m) => !m.threadTs || m.threadTs === m.ts);
    const digests = messages.filter((m) => m.text.includes('Alert digest'));
    expect(digests).toHaveLength(1);
    expect(digests[0]!.text).toContain('61 alerts in this incident (61 firing)');
    expect(digests[0]!.text).toContain('`data_drift` on _fraud-detector_: 61 (61 firing)');
    expect(messages.filter((m) => m.text.includes('joined this incident'))).toHaveLength(0);
    // The timeline keeps what changed: the alert that opened the incident, not 60 repeats of it.
    expect(timelineOf(h, 'alert.attached', 1)).toHaveLength(1);
    // 60 alerts, a handful of Slack calls: the digest, perhaps an edit and a thread reply.
    const posts = h.emulator.callsTo('chat.postMessage').length - postsBefore;
    expect(posts).toBeLessThanOrEqual(3);

    // More join later: the same message is edited, and its thread says what is new.
    await Promise.all([60, 61, 62].map((i) => h.webhook('detector', routine(i))));
    await h.settle();
    const edited = h.emulator.messages(channel).find((m) => m.ts === digests[0]!.ts)!;
    expect(edited.text).toContain('64 alerts in this incident (64 firing)');
    const thread = h.emulator.messages(channel).filter((m) => m.threadTs === digests[0]!.ts && m.ts !== digests[0]!.ts);
    expect(thread.at(-1)!.text).toContain('3 alerts joined since the last digest');
    expect(thread.at(-1)!.text).toContain('PSI on feature f62 is 0.32');
    expect(h.emulator.messages(channel).filter((m) => m.text.includes('Alert digest'))).toHaveLength(1);
  });

  it('a new kind of signal gets its own line, and a worse alert raises the severity at once, even mid-storm', async () => {
    const channel = await openIncident();
    const storm = Array.from({ length: 30 }, (_, i) => h.webhook('detector', routine(i)));
    // pipeline_failure is also a data problem (same incident), a new kind, and SEV2.
    const worse = h.webhook('detector', { ...DETECTOR_ALERT, dedupKey: 'fraud:pipeline', title: 'Feature pipeline failed', signal: 'pipeline_failure', severity: undefined });
    const answers = await Promise.all([...storm, worse]);
    expect(answers.every((a) => a.status === 202)).toBe(true);
    await h.settle();

    const texts = h.emulator.messages(channel).map((m) => m.text);
    expect(texts.filter((t) => t.includes('Alert joined this incident') && t.includes('Feature pipeline failed'))).toHaveLength(1);
    expect(texts.some((t) => t.includes('Severity SEV3 → *SEV2*'))).toBe(true);
    const summary = h.emulator.channels().find((c) => c.id === channel)!.pins[0]!;
    expect(h.emulator.messages(channel).find((m) => m.ts === summary)!.text).toContain('SEV2');
    const digest = texts.find((t) => t.includes('Alert digest'))!;
    expect(digest).toContain('32 alerts in this incident');
    expect(digest).toContain('`pipeline_failure` on _fraud-detector_: 1 (1 firing)');
    // The new kind is on the timeline beside the opening alert; the 30 repeats are counted only.
    expect(timelineOf(h, 'alert.attached', 1).map((e) => e.data['title'])).toEqual([DETECTOR_ALERT.title, 'Feature pipeline failed']);
  });

  it('another model in the same Alertmanager group gets its own line; more of the same go to the digest', async () => {
    const firing = fixture<{ alerts: Array<{ labels: Record<string, string>; annotations: Record<string, string>; fingerprint: string }> }>('alertmanager-firing.json');
    expect((await h.webhook('alertmanager', firing)).status).toBe(202);
    await h.settle();
    const channel = h.incidentChannel(1)!.id;
    const base = firing.alerts[0]!;
    const more = Array.from({ length: 20 }, (_, i) => ({ ...base, fingerprint: `same-${i}`, annotations: { ...base.annotations, summary: `segment ${i} accuracy low` } }));
    const otherModel = { ...base, fingerprint: 'other-model', labels: { ...base.labels, model: 'credit-scorer' }, annotations: { ...base.annotations, summary: 'credit-scorer accuracy low' } };
    expect((await h.webhook('alertmanager', { ...firing, alerts: [...more, otherModel] })).status).toBe(202);
    await h.settle();

    const texts = h.emulator.messages(channel).map((m) => m.text);
    expect(texts.filter((t) => t.includes('joined this incident'))).toEqual([expect.stringContaining('credit-scorer accuracy low')]);
    expect(texts.find((t) => t.includes('Alert digest'))).toContain('23 alerts in this incident');
  });
});
