import { describe, expect, it } from 'vitest';
import { dueStanding, orderForPerson, reminderDue, type RemindableItem } from '../../src/domain/actionItems.js';
import { parseActionItemText } from '../../src/slack/interaction/actionItemText.js';

const at = (iso: string): Date => new Date(iso);
const DUE = at('2026-11-24T00:00:00Z');
const item = (over: Partial<RemindableItem> = {}): RemindableItem => ({ status: 'open', dueAt: DUE, createdAt: at('2026-11-22T16:00:00Z'), lastRemindedAt: null, ...over });

describe('reminderDue', () => {
  it('is due from 09:00 UTC on the due day, once per day while open', () => {
    expect(reminderDue(item(), at('2026-11-24T08:59:59Z'))).toBe(false);
    expect(reminderDue(item(), at('2026-11-24T09:00:00Z'))).toBe(true);
    const reminded = item({ lastRemindedAt: at('2026-11-24T09:00:05Z') });
    expect(reminderDue(reminded, at('2026-11-24T18:00:00Z'))).toBe(false);
    expect(reminderDue(reminded, at('2026-11-25T08:59:00Z'))).toBe(false);
    expect(reminderDue(reminded, at('2026-11-25T09:00:00Z'))).toBe(true);
  });

  it('sends one reminder after days of downtime, not one per missed day', () => {
    const reminded = item({ lastRemindedAt: at('2026-11-24T09:00:05Z') });
    expect(reminderDue(reminded, at('2026-11-29T12:00:00Z'))).toBe(true);
    expect(reminderDue({ ...reminded, lastRemindedAt: at('2026-11-29T12:00:00Z') }, at('2026-11-29T12:05:00Z'))).toBe(false);
  });

  it('never reminds a done item, one without a due date, or of the slot it was created in', () => {
    expect(reminderDue(item({ status: 'done' }), at('2026-11-24T10:00:00Z'))).toBe(false);
    expect(reminderDue(item({ dueAt: null }), at('2026-11-24T10:00:00Z'))).toBe(false);
    const addedLate = item({ createdAt: at('2026-11-24T15:00:00Z') });
    expect(reminderDue(addedLate, at('2026-11-24T15:01:00Z'))).toBe(false);
    expect(reminderDue(addedLate, at('2026-11-25T09:00:00Z'))).toBe(true);
  });
});

describe('dueStanding', () => {
  it('is due the whole UTC day, overdue from the midnight after', () => {
    expect(dueStanding(null, at('2026-11-24T10:00:00Z'))).toEqual({ state: 'none' });
    expect(dueStanding(DUE, at('2026-11-22T10:00:00Z'))).toEqual({ state: 'upcoming', inDays: 2 });
    expect(dueStanding(DUE, at('2026-11-23T23:59:00Z'))).toEqual({ state: 'upcoming', inDays: 1 });
    expect(dueStanding(DUE, at('2026-11-24T23:59:00Z'))).toEqual({ state: 'today' });
    expect(dueStanding(DUE, at('2026-11-25T00:00:00Z'))).toEqual({ state: 'overdue', days: 1 });
    expect(dueStanding(DUE, at('2026-11-27T12:00:00Z'))).toEqual({ state: 'overdue', days: 3 });
  });
});

describe('orderForPerson', () => {
  it('puts the person’s own first, each group by due day (none last), then oldest first', () => {
    const items = [
      { id: 1, owner: 'U0B', dueAt: at('2026-11-25T00:00:00Z') },
      { id: 2, owner: 'U0A', dueAt: null },
      { id: 3, owner: null, dueAt: at('2026-11-23T00:00:00Z') },
      { id: 4, owner: 'U0A', dueAt: at('2026-11-30T00:00:00Z') },
      { id: 5, owner: 'U0B', dueAt: null },
      { id: 6, owner: 'U0C', dueAt: at('2026-11-25T00:00:00Z') },
    ];
    expect(orderForPerson(items, 'U0A').map((i) => i.id)).toEqual([4, 2, 3, 1, 6, 5]);
  });
});

describe('parseActionItemText', () => {
  const NOW = at('2026-11-22T16:01:00Z');
  const parse = (args: string) => parseActionItemText(args, NOW);

  it('reads the owner and due date from the end, in either order', () => {
    const expected = { text: 'Alert on PSI of the fraud features', owner: 'U0ANA', dueAt: at('2026-11-27T00:00:00Z') };
    expect(parse('Alert on PSI of the fraud features <@U0ANA|ana> friday')).toEqual(expected);
    expect(parse('Alert on PSI of the fraud features friday <@U0ANA|ana>')).toEqual(expected);
    expect(parse('Alert on PSI of the fraud features <@U0ANA> by friday')).toEqual(expected);
  });

  it('takes either alone, or neither', () => {
    expect(parse('Backfill the features in 3 days')).toEqual({ text: 'Backfill the features', owner: null, dueAt: at('2026-11-25T00:00:00Z') });
    expect(parse('Backfill the features <@U0ANA|ana>')).toEqual({ text: 'Backfill the features', owner: 'U0ANA', dueAt: null });
    expect(parse('Backfill the features &amp; labels')).toEqual({ text: 'Backfill the features & labels', owner: null, dueAt: null });
  });

  it('keeps mentions inside the text as mentions', () => {
    expect(parse('Ask <@U0BOB|bob> for the baseline <@U0ANA|ana> 2026-12-01')).toEqual({ text: 'Ask <@U0BOB> for the baseline', owner: 'U0ANA', dueAt: at('2026-12-01T00:00:00Z') });
  });

  it.each([
    ['', /What should be done/],
    ['<@U0ANA|ana> friday', /What should be done/],
    ['Backfill <@U0BOB|bob> <@U0ANA|ana>', /one owner/],
    ['Backfill the features @ana', /"@ana" is not a Slack user/],
    ['Backfill the features @ana friday', /"@ana" is not a Slack user/],
    ['Backfill the features 2026-02-30', /not a day of the calendar/],
    ['Backfill the features due whenever', /"whenever" is not a due date/],
  ])('answers %j with the problem', (args, problem) => {
    const result = parse(args);
    expect('problem' in result && result.problem).toMatch(problem);
  });
});
