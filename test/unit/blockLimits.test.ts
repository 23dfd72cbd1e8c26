import { describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '@slack/web-api';
import type { KnownBlock } from '@slack/types';
import { MAX_MESSAGE_BLOCKS_TEXT, MAX_MESSAGE_TEXT, MESSAGE_LIMITS, blocksTextLength, validateBlocks, validateView } from '@vigil/slack-emulator';
import type { AlertRow, ChecklistItemRow, IncidentRow } from '../../src/db/schema/index.js';
import type { TimelineEvent } from '../../src/incidents/timeline.js';
import type { IncidentView } from '../../src/incidents/readModel.js';
import type { NoticeKind } from '../../src/effects/effectKinds.js';
import { summaryBlocks, summaryFallbackText } from '../../src/slack/blocks/summaryBlocks.js';
import { checklistBlocks } from '../../src/slack/blocks/checklistBlocks.js';
import { checklistTitle } from '../../src/slack/blocks/checklistTitle.js';
import { runbookIntroBlocks } from '../../src/slack/blocks/runbookIntro.js';
import { noticeText } from '../../src/slack/blocks/noticeText.js';
import { announceText, pageBlocks, topicText } from '../../src/slack/blocks/pageBlocks.js';
import { homeView } from '../../src/slack/blocks/homeBlocks.js';
import { incidentStatusText } from '../../src/slack/blocks/incidentStatusText.js';
import { incidentListText } from '../../src/slack/blocks/incidentListText.js';
import { timelineFitsMessage, timelineMrkdwn } from '../../src/slack/blocks/timelineText.js';
import { declareModal } from '../../src/slack/blocks/declareModal.js';
import { resolveModal } from '../../src/slack/blocks/resolveModal.js';
import { declaredText } from '../../src/slack/blocks/declaredText.js';
import { BUDGETS, FULL_TEXT, essentialMessage, fitBlocks, fitMessage, fitText } from '../../src/slack/blocks/limits.js';
import { postSized, updateSized } from '../../src/slack/delivery/postSized.js';
import type { Attempt, DeliveryContext } from '../../src/slack/delivery/deliveryContext.js';
import { silentLogger } from '../../src/shared/logger.js';
import { ACTIONS } from '../../src/slack/blocks/actionIds.js';

// Everything a sender controls, at 2,000 and at 100,000 characters, through every builder, checked
// with the emulator's validator (the limits Slack enforces). The filler is hostile on purpose: it
// doubles in length when escaped, carries a mention and a link to cut through, and an emoji whose
// surrogate pair must not be split.

const FILLER = 'a&b<c>d "q" 🔥 <@U0ABC123> <https://x.example/p|x> `code` *b* _i_ ';
// Made once per length and seed: the file asks for the same 100,000-character strings thousands of
// times, and building each afresh took half of its time.
const hugeMade = new Map<string, string>();
const huge = (n: number, seed = ''): string => {
  const key = `${n}:${seed}`;
  let text = hugeMade.get(key);
  if (text === undefined) hugeMade.set(key, (text = (seed + FILLER.repeat(Math.ceil(n / FILLER.length))).slice(0, n)));
  return text;
};
const hugeUrl = (n: number): string => `https://example.com/${'p'.repeat(Math.max(0, n - 20))}`;

const NOW = new Date('2026-11-22T16:30:00Z');
const AT = new Date('2026-11-22T16:01:00Z');

function incident(n: number, overrides: Partial<IncidentRow> = {}): IncidentRow {
  return {
    id: 7,
    title: huge(n, 'title '),
    description: huge(n, 'description '),
    severity: 'SEV1',
    category: 'model',
    status: 'triggered',
    isPrivate: false,
    customerImpact: true,
    modelName: huge(n, 'model '),
    modelVersion: huge(n, 'version '),
    metric: { name: huge(n, 'metric '), value: 0.71, threshold: 0.85 },
    signal: 'accuracy_drop',
    declaredBy: huge(n, 'source '),
    groupKey: huge(n),
    escalationPolicy: {},
    routedRotation: 'ml',
    channelId: 'C0INC7',
    channelName: 'inc-7',
    startedAt: AT,
    detectedAt: AT,
    declaredAt: AT,
    acknowledgedAt: null,
    acknowledgedBy: null,
    investigatingAt: null,
    mitigatedAt: null,
    reopenedAt: null,
    resolvedAt: null,
    resolvedBy: null,
    resolution: null,
    updatedAt: AT,
    ...overrides,
  } as IncidentRow;
}

function alert(n: number, id: number): AlertRow {
  const labels: Record<string, string> = { alertname: huge(n), model: huge(n), team: huge(n, 'team ') };
  labels[huge(n, 'key ')] = huge(n, 'value ');
  for (let i = 0; i < 20; i++) labels[`label${i}`] = huge(Math.min(n, 5000), `v${i} `);
  return {
    id,
    incidentId: 7,
    source: huge(n, 'source '),
    sourceKind: 'alertmanager',
    dedupKey: huge(n, 'dedup '),
    groupKey: huge(n),
    status: id % 2 === 0 ? 'resolved' : 'firing',
    title: huge(n, `alert ${id} `),
    description: huge(n, 'alert description '),
    signal: 'accuracy_drop',
    modelName: huge(n),
    modelVersion: huge(n),
    metricName: huge(n),
    metricValue: 0.71,
    metricThreshold: 0.85,
    severityHint: null,
    categoryHint: null,
    labels,
    annotations: { summary: huge(n), description: huge(n), runbook_url: hugeUrl(n) },
    links: [
      { title: huge(n, 'Runbook '), url: hugeUrl(n) },
      { title: 'Dashboard', url: 'https://grafana.example.com/d/1' },
      { title: huge(n, 'Prometheus '), url: 'https://prom.example.com/graph' },
      { title: 'evil', url: `javascript:${huge(n)}` },
    ],
    raw: {},
    startedAt: AT,
    observedAt: AT,
    endedAt: null,
    firstReceivedAt: AT,
    lastReceivedAt: AT,
    receiveCount: 3,
  } as AlertRow;
}

function item(n: number, i: number, done: boolean): ChecklistItemRow {
  return {
    incidentId: 7,
    itemId: `item-${i}`,
    list: 'triage',
    section: i < 30 ? 'triage' : huge(n, 'section '),
    position: i,
    text: huge(n, `step ${i} `),
    doneBy: done ? 'U0MLPRIME' : null,
    doneAt: done ? AT : null,
  };
}

function view(n: number, overrides: Partial<IncidentRow> = {}): IncidentView {
  return {
    incident: incident(n, overrides),
    alerts: Array.from({ length: 14 }, (_, i) => alert(n, i + 1)),
    checklist: Array.from({ length: 12 }, (_, i) => item(n, i, i % 3 === 0)),
    roles: [{ incidentId: 7, role: 'commander', userId: 'U0LEAD', assignedAt: AT, assignedBy: 'U0LEAD' } as IncidentView['roles'][number]],
    runbook: { name: 'model-quality', title: huge(n, 'Runbook title ') },
  };
}

function event(n: number, i: number, actor = huge(n, 'source ')): TimelineEvent {
  return { id: i, incidentId: 7, at: new Date(AT.getTime() + i * 60_000), kind: 'alert.attached', actor, source: 'alert', starred: false, data: { alertId: i, dedupKey: `k${i}`, title: huge(n) } };
}

/** Every text string anywhere in a value. */
function textsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => textsOf(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => textsOf(v, out));
  return out;
}

/** mrkdwn that a cut left broken: half an entity, half a `<...>` token, or half an emoji. */
function brokenMarkup(text: string): string | undefined {
  if (/&(?!amp;|lt;|gt;)/.test(text)) return 'a bare or half entity';
  const outsideTokens = text.replace(/<[^<>]*>/g, '');
  if (/[<>]/.test(outsideTokens)) return 'half a <...> token';
  if (Buffer.from(text, 'utf8').toString('utf8') !== text) return 'a split surrogate pair';
  return undefined;
}

function expectMessageFits(blocks: KnownBlock[], text?: string): void {
  expect(validateBlocks(blocks, MESSAGE_LIMITS)).toEqual([]);
  expect(blocksTextLength(blocks)).toBeLessThanOrEqual(MAX_MESSAGE_BLOCKS_TEXT);
  if (text !== undefined) expect(text.length).toBeLessThanOrEqual(BUDGETS.fallbackText);
  for (const t of textsOf(blocks)) expect(brokenMarkup(t), t.slice(-80)).toBeUndefined();
}

function expectTextFits(text: string, max: number = BUDGETS.textMessage): void {
  expect(text.length).toBeLessThanOrEqual(max);
  expect(text.length).toBeLessThanOrEqual(MAX_MESSAGE_TEXT);
  expect(brokenMarkup(text), text.slice(-80)).toBeUndefined();
}

const SIZES = [2000, 100_000];

describe.each(SIZES)('every builder with %i-character sender fields', (n) => {
  it('summary: within limits, still with Acknowledge, Escalate and Resolve, pointing to the full text', () => {
    const v = view(n);
    const blocks = summaryBlocks(v);
    expectMessageFits(blocks, summaryFallbackText(v));
    const actionIds = JSON.stringify(blocks);
    for (const id of [ACTIONS.acknowledge, ACTIONS.escalate, ACTIONS.resolve]) expect(actionIds).toContain(id);
    // The description (escaped, over a section at this size) points to the alert's source.
    if (n > 2900) expect(actionIds).toContain(FULL_TEXT.alertSource.trim());
    expect(actionIds).toContain('the full text is at each alert’s source');
    // The long link is shown as its label, never as a cut URL.
    expect(actionIds).toContain('(link too long to show)');
    // A resolved, acknowledged, reopened one too.
    const other = view(n, { status: 'mitigated', mitigatedAt: AT, acknowledgedAt: AT, acknowledgedBy: 'U0MLPRIME', isPrivate: true });
    expectMessageFits(summaryBlocks(other), summaryFallbackText(other));
  });

  it('checklist, with a runbook intro, 60 items and a long title: within limits', () => {
    const items = Array.from({ length: 60 }, (_, i) => item(n, i, i % 4 === 0));
    const intro = runbookIntroBlocks({ symptoms: [huge(n), huge(n)], rollbackVsRetrain: huge(n) });
    const blocks = checklistBlocks(7, huge(n, 'Runbook: '), items, intro);
    expectMessageFits(blocks);
    expect(JSON.stringify(blocks)).toContain('more not shown here');
    expect(checklistTitle('runbook:x', [{ name: 'x', title: huge(n) } as never]).length).toBeGreaterThan(0);
  });

  it('notices: every kind within a readable length, whatever the data', () => {
    const v = view(n);
    const data = {
      alertIds: v.alerts.map((a) => a.id),
      alertId: 1,
      refired: true,
      users: ['U0MLPRIME', huge(n)],
      usergroups: [huge(n)],
      step: huge(n),
      reason: huge(n),
      requestedBy: huge(n),
      unacknowledgedFor: huge(n),
      elapsed: huge(n),
      next: huge(n),
      from: huge(n),
      to: huge(n),
      by: huge(n),
      rotation: huge(n),
      routesTo: huge(n, 'other '),
      userId: huge(n),
      previous: huge(n),
      role: huge(n),
      text: huge(n),
      target: huge(n),
      acknowledged: true,
      error: huge(n),
      pager: 'pagerduty',
      action: 'trigger',
    };
    const kinds: NoticeKind[] = [
      'signal_cleared', 'alert_attached', 'acknowledged', 'page_sent', 'unacknowledged_reminder', 'severity_changed',
      'category_changed', 'role_assigned', 'status_changed', 'resolved', 'reopened', 'note_added', 'nobody_to_page', 'action_added',
      'pager_failed',
    ];
    for (const kind of kinds) expectTextFits(noticeText(kind, v, data));
  });

  it('page DM: within limits, Acknowledge and where to join still shown; announcement and topic short', () => {
    const v = view(n);
    const blocks = pageBlocks(v, huge(n, 'L1 '), NOW);
    expectMessageFits(blocks);
    const json = JSON.stringify(blocks);
    expect(json).toContain(ACTIONS.acknowledge);
    expect(json).toContain('Join: <#C0INC7>');
    expectTextFits(announceText(v), 1000);
    expect(announceText(v)).toContain('<#C0INC7>');
    expect(topicText(v).length).toBeLessThanOrEqual(250);
    expect(topicText(v)).toContain('INC-7');
  });

  it('Home tab: within a view’s limits with 150 open incidents', () => {
    const open = Array.from({ length: 150 }, (_, i) => incident(n, { id: i + 1 }));
    const home = homeView({ userId: 'U0MLPRIME', openIncidents: open, awaitingMyAck: open.slice(0, 60), myRoles: open.map((i) => ({ incident: i, role: huge(n) })) }, NOW);
    expect(validateView(home)).toEqual([]);
    for (const t of textsOf(home)) expect(brokenMarkup(t)).toBeUndefined();
  });

  it('status, list and timeline texts: within a message, and a cut timeline goes out as a file', () => {
    const v = view(n);
    expectTextFits(incidentStatusText(v, event(n, 1), NOW));
    const open = Array.from({ length: 40 }, (_, i) => incident(n, { id: i + 1, isPrivate: i % 5 === 0 }));
    expectTextFits(incidentListText(open, NOW));
    const events = [event(n, 1), event(n, 2, 'U0MLPRIME')];
    const timeline = timelineMrkdwn(v.incident, events);
    expectTextFits(timeline, MAX_MESSAGE_TEXT);
    // Entries are cut in the message form, so the whole timeline goes out as a file instead.
    expect(timelineFitsMessage(events, timeline)).toBe(false);
    expectTextFits(declaredText(v.incident), 1000);
  });

  it('modals: declare (with a typed title) and resolve are within a modal’s limits', () => {
    expect(validateView(declareModal({ channelId: 'C0GENERAL' }, huge(n)))).toEqual([]);
    expect(validateView(resolveModal(incident(n), { incidentId: 7, channelId: 'C0GENERAL' }))).toEqual([]);
  });
});

describe('fitText', () => {
  it('leaves text within its limit alone', () => {
    expect(fitText('short', 10)).toBe('short');
  });

  it('cuts with an ellipsis and a pointer, within the limit', () => {
    const out = fitText('x'.repeat(5000), 3000, FULL_TEXT.timeline);
    expect(out.length).toBeLessThanOrEqual(3000);
    expect(out).toContain('…');
    expect(out.endsWith(FULL_TEXT.timeline)).toBe(true);
  });

  it('leaves the pointer out where it would crowd out the text', () => {
    const out = fitText('x'.repeat(500), 150, FULL_TEXT.timeline);
    expect(out.length).toBeLessThanOrEqual(150);
    expect(out.endsWith('…')).toBe(true);
  });

  it('never cuts inside an entity, a mention or a link', () => {
    for (let max = 400; max < 460; max++) {
      const text = `${'y'.repeat(380)} &amp; <@U0ABC123> &lt;b&gt; <https://x.example/long/path|label> ${'z'.repeat(100)}`;
      const out = fitText(text, max, FULL_TEXT.none);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(brokenMarkup(out), out).toBeUndefined();
    }
  });

  it('closes a code span the cut left open', () => {
    const out = fitText(`\`${'k'.repeat(5000)}\``, 1000, FULL_TEXT.none);
    expect(out.match(/`/g)).toHaveLength(2);
    expect(out.length).toBeLessThanOrEqual(1000);
  });
});

describe('fitBlocks', () => {
  const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

  it('clamps every text by where it sits', () => {
    const blocks: KnownBlock[] = [
      { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(500) } },
      section('s'.repeat(5000)),
      { type: 'section', fields: Array.from({ length: 14 }, () => ({ type: 'mrkdwn' as const, text: 'f'.repeat(2500) })) },
      { type: 'context', elements: Array.from({ length: 12 }, () => ({ type: 'mrkdwn' as const, text: 'c'.repeat(4000) })) },
      { type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'b'.repeat(200) } }] },
    ];
    expectMessageFits(fitBlocks(blocks));
  });

  it('keeps at most 50 blocks, keeping the buttons, and says how many it left out', () => {
    const blocks: KnownBlock[] = [
      ...Array.from({ length: 70 }, (_, i) => section(`line ${i}`)),
      { type: 'actions', elements: [{ type: 'button', action_id: 'keep', text: { type: 'plain_text', text: 'Keep' } }] },
    ];
    const out = fitBlocks(blocks);
    expectMessageFits(out);
    expect(out).toHaveLength(50);
    expect(JSON.stringify(out)).toContain('"action_id":"keep"');
    expect(JSON.stringify(out.at(-1))).toContain('…and 22 more not shown here.');
  });

  it('does not change the blocks it is given', () => {
    const blocks = [section('s'.repeat(5000)), section('t'.repeat(5000)), section('u'.repeat(5000))];
    const before = JSON.stringify(blocks);
    fitBlocks(blocks);
    expect(JSON.stringify(blocks)).toBe(before);
  });

  it('shares a message’s text budget so that short texts stay whole', () => {
    const out = fitBlocks([section('short one'), section('l'.repeat(2900)), section('m'.repeat(2900)), section('n'.repeat(2900)), section('o'.repeat(2900))]);
    expect(blocksTextLength(out)).toBeLessThanOrEqual(BUDGETS.messageBlocksText);
    expect(JSON.stringify(out)).toContain('short one');
  });

  it('renders smaller at half scale, and the essentials keep only text and buttons', () => {
    const v = view(100_000);
    const message = { text: summaryFallbackText(v), blocks: summaryBlocks(v) };
    const half = fitMessage(message, 0.5);
    expect(blocksTextLength(half.blocks)).toBeLessThan(blocksTextLength(message.blocks) * 0.7);
    const essential = essentialMessage(message);
    expectMessageFits(essential.blocks!);
    expect(essential.blocks!.every((b) => b.type === 'actions' || b.type === 'section')).toBe(true);
    expect(JSON.stringify(essential.blocks)).toContain(ACTIONS.acknowledge);
    expect(JSON.stringify(essential.blocks)).toContain(ACTIONS.resolve);
  });
});

describe('a message Slack refuses for its size is sent smaller, not given up', () => {
  const refusal = (error: string) => Object.assign(new Error(`An API error occurred: ${error}`), { code: ErrorCode.PlatformError, data: { ok: false, error } });
  const attempt = { effect: { id: 42 }, recovering: true } as unknown as Attempt;

  function fakeContext(answers: Array<Error | undefined>) {
    const calls: Array<Record<string, unknown>> = [];
    const history = vi.fn(async () => ({ ok: true, messages: [] }));
    const answer = async (args: Record<string, unknown>) => {
      calls.push(args);
      const next = answers.shift();
      if (next) throw next;
      return { ok: true, channel: 'C1', ts: '1.000001' };
    };
    const ctx = {
      client: { chat: { postMessage: answer, update: answer }, conversations: { history } },
      logger: silentLogger,
    } as unknown as DeliveryContext;
    return { ctx, calls, history };
  }

  const v = view(2000);
  const message = { channel: 'C1', text: summaryFallbackText(v), blocks: summaryBlocks(v) };

  it('retries once smaller after invalid_blocks, without looking for the refused post', async () => {
    const { ctx, calls, history } = fakeContext([refusal('invalid_blocks')]);
    await expect(postSized(ctx, attempt, message)).resolves.toEqual({ channel: 'C1', ts: '1.000001' });
    expect(calls).toHaveLength(2);
    expect(history).toHaveBeenCalledTimes(1);
    expect(blocksTextLength(calls[1]!['blocks'])).toBeLessThan(blocksTextLength(calls[0]!['blocks']));
  });

  it('falls back to the essentials (text and buttons) when the smaller one is refused too', async () => {
    const { ctx, calls } = fakeContext([refusal('msg_blocks_too_long'), refusal('msg_too_long')]);
    await postSized(ctx, attempt, message);
    expect(calls).toHaveLength(3);
    const last = JSON.stringify(calls[2]!['blocks']);
    expect(last).toContain(ACTIONS.acknowledge);
    expect(last).toContain(ACTIONS.resolve);
  });

  it('gives up only when even the essentials are refused, and never for other errors', async () => {
    const three = fakeContext([refusal('invalid_blocks'), refusal('invalid_blocks'), refusal('invalid_blocks')]);
    await expect(postSized(three.ctx, attempt, message)).rejects.toMatchObject({ data: { error: 'invalid_blocks' } });
    expect(three.calls).toHaveLength(3);
    const other = fakeContext([refusal('channel_not_found')]);
    await expect(postSized(other.ctx, attempt, message)).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
    expect(other.calls).toHaveLength(1);
  });

  it('does the same for an update', async () => {
    const { ctx, calls } = fakeContext([refusal('invalid_blocks')]);
    await updateSized(ctx, { ...message, ts: '1.5' });
    expect(calls).toHaveLength(2);
    expect(calls[1]).toMatchObject({ channel: 'C1', ts: '1.5' });
  });
});
