import { describe, expect, it } from 'vitest';
import { dueDayText, parseDueDate, readTrailingDue } from '../../src/domain/dueDate.js';

// Sunday 22 November 2026, late afternoon UTC.
const NOW = new Date('2026-11-22T16:01:00Z');
const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const due = (text: string) => parseDueDate(text, NOW);

describe('parseDueDate', () => {
  it.each([
    ['2026-11-30', '2026-11-30'],
    ['2026-11-22', '2026-11-22'],
    ['2027-1-5', '2027-01-05'],
    ['today', '2026-11-22'],
    ['tomorrow', '2026-11-23'],
    ['Tomorrow', '2026-11-23'],
    ['in 3d', '2026-11-25'],
    ['in 2w', '2026-12-06'],
    ['in 1 day', '2026-11-23'],
    ['in 3 days', '2026-11-25'],
    ['in 1 week', '2026-11-29'],
    ['by friday', '2026-11-27'],
    ['due 2026-12-01', '2026-12-01'],
    ['mon', '2026-11-23'],
    ['tuesday', '2026-11-24'],
    ['sat', '2026-11-28'],
  ])('%s is %s (UTC day, as its midnight)', (text, iso) => {
    expect(due(text)).toEqual({ dueAt: day(iso) });
  });

  it('reads a weekday as the next one after today: "sunday" on a Sunday is a week away', () => {
    expect(due('sunday')).toEqual({ dueAt: day('2026-11-29') });
    expect(due('sun')).toEqual({ dueAt: day('2026-11-29') });
  });

  it('counts from the UTC day, whatever the hour', () => {
    expect(parseDueDate('tomorrow', new Date('2026-11-22T23:59:59Z'))).toEqual({ dueAt: day('2026-11-23') });
    expect(parseDueDate('tomorrow', new Date('2026-11-23T00:00:00Z'))).toEqual({ dueAt: day('2026-11-24') });
  });

  it('crosses months and years', () => {
    expect(parseDueDate('in 2w', new Date('2026-12-25T10:00:00Z'))).toEqual({ dueAt: day('2027-01-08') });
    expect(parseDueDate('fri', new Date('2026-12-31T10:00:00Z'))).toEqual({ dueAt: day('2027-01-01') });
  });

  it.each([
    ['2026-02-30', /not a day of the calendar/],
    ['2026-13-01', /not a day of the calendar/],
    ['2026-11-21', /in the past \(today is 2026-11-22, UTC\)/],
    ['2040-01-01', /more than five years/],
    ['in 3 months', /say in 3d or in 2w/],
    ['in 3y', /say in 3d or in 2w/],
    ['in 0d', /today/],
    ['in 400d', /more than a year/],
    ['due someday', /"someday" is not a due date/],
    ['next friday', /not a due date/],
    ['soon', /not a due date/],
    ['', /not a due date/],
  ])('refuses %j', (text, problem) => {
    const result = due(text);
    expect('problem' in result && result.problem).toMatch(problem);
  });
});

describe('readTrailingDue', () => {
  const read = (text: string) => readTrailingDue(text.split(' '), NOW);

  it('reads the date from the last words only, and says how many it took', () => {
    expect(read('retrain the model tomorrow')).toEqual({ kind: 'date', dueAt: day('2026-11-23'), words: 1 });
    expect(read('retrain the model in 3 days')).toEqual({ kind: 'date', dueAt: day('2026-11-25'), words: 3 });
    expect(read('retrain the model in 3d')).toEqual({ kind: 'date', dueAt: day('2026-11-25'), words: 2 });
    expect(read('retrain the model by friday')).toEqual({ kind: 'date', dueAt: day('2026-11-27'), words: 2 });
    expect(read('retrain the model due 2026-12-01')).toEqual({ kind: 'date', dueAt: day('2026-12-01'), words: 2 });
  });

  it('leaves text that only mentions a day in its middle alone', () => {
    expect(read('move the friday job to the weekend')).toEqual({ kind: 'none' });
    expect(read('retrain tomorrow morning')).toEqual({ kind: 'none' });
    expect(read('the check that was due')).toEqual({ kind: 'none' });
  });

  it('says what is wrong with a date that is meant as one', () => {
    expect(read('retrain 2026-02-31')).toEqual({ kind: 'invalid', problem: '2026-02-31 is not a day of the calendar' });
  });
});

describe('dueDayText', () => {
  it('says the UTC day, with the year only when it is not this one', () => {
    expect(dueDayText(day('2026-11-24'), NOW)).toBe('Tue 24 Nov');
    expect(dueDayText(day('2027-01-08'), NOW)).toBe('Fri 8 Jan 2027');
    expect(dueDayText(day('2026-11-24'))).toBe('Tue 24 Nov 2026');
  });
});
