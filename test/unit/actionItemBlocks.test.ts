import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BLOCKS_TEXT, MESSAGE_LIMITS, blocksTextLength, validateBlocks } from '@vigil/slack-emulator';
import type { KnownBlock } from '@slack/types';
import type { ActionItemRow, IncidentRow } from '../../src/db/schema/index.js';
import { MAX_ACTION_TEXT_LENGTH } from '../../src/incidents/actionItems/addActionItem.js';
import type { ListedActionItem } from '../../src/incidents/actionItems/actionItemQueries.js';
import { actionItemActionId } from '../../src/slack/blocks/actionIds.js';
import { actionListMessage } from '../../src/slack/blocks/actionListBlocks.js';
import { actionReminderMessage } from '../../src/slack/blocks/actionReminderBlocks.js';
import { myActionsMessage } from '../../src/slack/blocks/myActionsBlocks.js';

// Action items as Slack shows them, at their largest: items of the longest text allowed, made of
// what escapes worst, many of them, and an incident title of 100,000 characters.

const FILLER = 'a&b<c>d 🔥 <@U0ABC123> `code` *b* ';
const hostile = (n: number): string => FILLER.repeat(Math.ceil(n / FILLER.length)).slice(0, n);
const NOW = new Date('2026-11-24T10:00:00Z');

function item(id: number, over: Partial<ActionItemRow> = {}): ActionItemRow {
  return {
    id,
    incidentId: 7,
    text: hostile(MAX_ACTION_TEXT_LENGTH),
    owner: id % 2 ? 'U0ANA' : null,
    dueAt: new Date('2026-11-23T00:00:00Z'),
    status: id % 3 ? 'open' : 'done',
    createdBy: 'U0BOB',
    createdAt: new Date('2026-11-22T10:00:00Z'),
    doneBy: id % 3 ? null : 'U0BOB',
    doneAt: id % 3 ? null : NOW,
    lastRemindedAt: null,
    ...over,
  };
}

const incident = { id: 7, title: hostile(100_000), channelId: 'C0INC7', isPrivate: false } as IncidentRow;

function expectFits(blocks: KnownBlock[]): void {
  expect(validateBlocks(blocks, MESSAGE_LIMITS)).toEqual([]);
  expect(blocksTextLength(blocks)).toBeLessThanOrEqual(MAX_MESSAGE_BLOCKS_TEXT);
}

describe('action item messages at their largest', () => {
  const many = Array.from({ length: 80 }, (_, i) => item(i + 1));

  it('the channel list fits, keeps its first items’ buttons, and says how many are not shown', () => {
    const { blocks } = actionListMessage(7, many, NOW);
    expectFits(blocks);
    const json = JSON.stringify(blocks);
    expect(json).toContain(actionItemActionId(1));
    expect(json).toMatch(/more not shown/);
  });

  it('`/incident actions` fits with many items across incidents', () => {
    const listed: ListedActionItem[] = many.map((i) => ({ ...i, incident: { id: 7, title: incident.title, channelId: 'C0INC7', isPrivate: false } }));
    const { blocks } = myActionsMessage(listed, 'U0ANA', NOW, 'all');
    expectFits(blocks);
    expect(JSON.stringify(blocks)).toContain(actionItemActionId(1));
  });

  it('a reminder fits, with its Done button, whatever the incident title', () => {
    const { text, blocks } = actionReminderMessage(item(1), incident, NOW);
    expectFits(blocks);
    expect(text.length).toBeLessThanOrEqual(300);
    expect(JSON.stringify(blocks)).toContain(actionItemActionId(1));
  });
});
