import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, fixture, findButton, messageText } from '../support/harness.js';
import { DETECTOR_ALERT } from '../support/samples.js';
import { ACTIONS } from '../../src/slack/blocks/actionIds.js';
import { MAX_MESSAGE_BLOCKS_TEXT, MESSAGE_LIMITS, blocksTextLength, validateBlocks, validateView } from '@vigil/slack-emulator';

// Senders control most of what Vigil shows. With fields far over Slack's limits (a 100,000-character
// annotation, a 2,000-character label), every incident must still get its channel, its pinned
// summary with the Acknowledge and Resolve buttons, and its checklist: the emulator refuses
// oversized blocks exactly as Slack does (invalid_blocks, msg_too_long, msg_blocks_too_long).

const FILLER = 'a&b<c>d <@U0ABC123> <!channel> ';
const huge = (n: number, seed = ''): string => (seed + FILLER.repeat(Math.ceil(n / FILLER.length))).slice(0, n);
const hugeUrl = (n: number): string => `https://example.com/${'p'.repeat(n - 20)}`;

/** The Alertmanager fixture's first alert with its fields at 100,000 (and a few at 2,000) characters. */
function hugeAlertmanagerBody(): unknown {
  const base = fixture<{ alerts: Array<Record<string, unknown>> } & Record<string, unknown>>('alertmanager-firing.json');
  const first = base.alerts[0]!;
  const alert = {
    ...first,
    labels: {
      ...(first['labels'] as Record<string, string>),
      model: huge(100_000, 'model '),
      model_version: huge(2000, 'version '),
      metric: huge(100_000, 'metric '),
      [huge(2000, 'key ')]: huge(2000, 'value '),
      team: huge(100_000, 'team '),
    },
    annotations: {
      summary: huge(100_000, 'summary '),
      description: huge(100_000, 'description '),
      runbook_url: hugeUrl(100_000),
      dashboard_url: hugeUrl(2000),
      value: '0.71',
      threshold: '0.85',
    },
    generatorURL: hugeUrl(2000),
    fingerprint: huge(2000, 'fingerprint '),
  };
  return { ...base, alerts: [alert, base.alerts[1]], externalURL: hugeUrl(2000) };
}

/** The detector sample with every field as long as the detector schema takes, labels and links far longer. */
function hugeDetectorBody(): unknown {
  return {
    ...DETECTOR_ALERT,
    source: huge(200, 'source '),
    dedupKey: huge(500, 'dedup '),
    title: huge(500, 'title '),
    description: huge(5000, 'description '),
    model: { name: huge(200, 'model '), version: huge(200, 'version ') },
    metric: { name: huge(200, 'metric '), value: 0.31, threshold: 0.25 },
    labels: { team: huge(100_000, 'team '), [huge(2000, 'key ')]: huge(2000, 'value ') },
    links: Array.from({ length: 20 }, (_, i) => ({ title: huge(200, `link ${i} `), url: i === 0 ? hugeUrl(100_000) : `https://example.com/${i}` })),
  };
}

describe('no sender input keeps an incident from its messages', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(async () => {
    await h.close();
  });

  /** Every message and view Vigil sent reached Slack: no call refused, everything within the limits. */
  function expectEverythingAccepted(): void {
    const refused = h.emulator.calls.filter((c) => /^(chat|views)\./.test(c.method) && (c.response as { ok?: boolean } | undefined)?.ok === false);
    expect(refused.map((c) => `${c.method}: ${(c.response as { error?: string }).error}`)).toEqual([]);
    for (const call of h.emulator.calls) {
      if (call.method.startsWith('chat.') && Array.isArray(call.args['blocks'])) {
        expect(validateBlocks(call.args['blocks'], MESSAGE_LIMITS)).toEqual([]);
        expect(blocksTextLength(call.args['blocks'])).toBeLessThanOrEqual(MAX_MESSAGE_BLOCKS_TEXT);
      }
      if (call.method.startsWith('views.')) expect(validateView(call.args['view'])).toEqual([]);
    }
    const dead = h.vigil.store.sqlite.prepare("select kind, last_error from effects where status != 'done'").all();
    expect(dead).toEqual([]);
  }

  function expectSummaryAndChecklist(incidentId: number): void {
    const channel = h.incidentChannel(incidentId)!;
    expect(channel).toBeDefined();
    const messages = h.channelMessages(incidentId);
    const summary = messages.find((m) => findButton(m.blocks ?? [], ACTIONS.resolve));
    expect(summary).toBeDefined();
    expect(channel.pins).toEqual([summary!.ts]);
    expect(findButton(summary!.blocks ?? [], ACTIONS.acknowledge)).toBeDefined();
    expect(findButton(summary!.blocks ?? [], ACTIONS.resolve)).toBeDefined();
    const checklist = messages.find((m) => messageText(m).includes('Triage checklist'));
    expect(checklist).toBeDefined();
    expect(JSON.stringify(checklist!.blocks).match(/checklist:toggle:/g)?.length ?? 0).toBeGreaterThanOrEqual(8);
    // Nothing a sender wrote became a broadcast or a mention.
    expect(messages.map((m) => messageText(m)).join('\n')).not.toMatch(/<!channel>|<@U0ABC123>/);
  }

  it('an Alertmanager alert with 100,000-character annotations and labels gets its pinned summary, buttons and checklist', async () => {
    const res = await h.webhook('alertmanager', hugeAlertmanagerBody());
    expect(res.status).toBe(202);
    await h.settle();
    expectSummaryAndChecklist(1);
    const summary = messageText(h.channelMessages(1)[0]!);
    expect(summary).toContain('(truncated; the full text is at the alert’s source)');
    expect(summary).toContain('(link too long to show)');
    // Acknowledging refreshes the summary and the page DMs: those fit too.
    const pinned = h.channelMessages(1)[0]!;
    expect((await h.click({ ...pinned, channel: h.incidentChannel(1)!.id }, ACTIONS.acknowledge)).status).toBe(200);
    await h.settle();
    expect(findButton(h.channelMessages(1)[0]!.blocks ?? [], ACTIONS.acknowledge)).toBeUndefined();
    // The commands that show the incident answer within a message's size.
    for (const command of ['status', 'list']) {
      const text = await h.type(command, { channel: h.incidentChannel(1)!.id });
      expect(text.length).toBeLessThanOrEqual(4000);
    }
    expect(await h.type('timeline', { channel: h.incidentChannel(1)!.id })).toContain('as the file');
    expectEverythingAccepted();
  });

  it('a detector alert with huge labels and links gets its pinned summary, buttons and checklist', async () => {
    const res = await h.webhook('detector', hugeDetectorBody());
    expect(res.status).toBe(202);
    await h.settle();
    expectSummaryAndChecklist(1);
    // A second alert joins with the same huge fields: its notice or digest fits as well.
    const again = await h.webhook('detector', { ...(hugeDetectorBody() as object), dedupKey: huge(500, 'other ') });
    expect(again.status).toBe(202);
    await h.settle();
    expectEverythingAccepted();
  });

  it('a message Slack refuses for its size, even when rendered smaller, is sent with the essentials instead of given up', async () => {
    // A limit Vigil does not know of: Slack refuses the first two posts whatever they hold.
    h.emulator.injectFault('chat.postMessage', { error: 'msg_blocks_too_long' }, 2);
    const res = await h.webhook('alertmanager', hugeAlertmanagerBody());
    expect(res.status).toBe(202);
    await h.settle();
    expectSummaryAndChecklist(1);
    const refused = h.emulator.calls.filter((c) => c.method === 'chat.postMessage' && (c.response as { ok?: boolean }).ok === false);
    expect(refused).toHaveLength(2);
    const dead = h.vigil.store.sqlite.prepare("select kind, last_error from effects where status != 'done'").all();
    expect(dead).toEqual([]);
  });
});
