import { describe, expect, it } from 'vitest';
import { DEFAULT_CADENCE, firstUpdateDue, nextUpdateDue, reminderDue, updateIntervalMs } from '../../src/domain/updateCadence.js';
import { requiredFields, suggestedUpdateState, updateMomentFor } from '../../src/domain/stakeholderUpdates.js';

const MINUTE = 60_000;
const declared = new Date('2026-11-30T10:00:00Z');
const at = (minutes: number) => new Date(declared.getTime() + minutes * MINUTE);

describe('update cadence', () => {
  it('SEV1: the first update within 5 minutes, then every 20', () => {
    expect(firstUpdateDue(DEFAULT_CADENCE, 'SEV1', declared)).toEqual(at(5));
    expect(nextUpdateDue(DEFAULT_CADENCE, 'SEV1', declared, at(5))).toEqual(at(25));
  });

  it('SEV2 every 30 minutes, SEV3 hourly, SEV4 on changes only', () => {
    expect(nextUpdateDue(DEFAULT_CADENCE, 'SEV2', declared, at(10))).toEqual(at(40));
    expect(nextUpdateDue(DEFAULT_CADENCE, 'SEV3', declared, at(10))).toEqual(at(70));
    expect(firstUpdateDue(DEFAULT_CADENCE, 'SEV3', declared)).toEqual(at(60));
    expect(firstUpdateDue(DEFAULT_CADENCE, 'SEV4', declared)).toBeUndefined();
    expect(nextUpdateDue(DEFAULT_CADENCE, 'SEV4', declared, at(10))).toBeUndefined();
  });

  it('relaxes to hourly after two hours open, never in the first hour whatever the policy says', () => {
    expect(updateIntervalMs(DEFAULT_CADENCE, 'SEV1', declared, at(119))).toBe(20 * MINUTE);
    expect(updateIntervalMs(DEFAULT_CADENCE, 'SEV1', declared, at(120))).toBe(60 * MINUTE);
    const eager = { ...DEFAULT_CADENCE, hourlyAfterMs: 10 * MINUTE };
    expect(updateIntervalMs(eager, 'SEV1', declared, at(30))).toBe(20 * MINUTE);
    expect(updateIntervalMs(eager, 'SEV1', declared, at(60))).toBe(60 * MINUTE);
    // A slower interval than hourly is kept.
    expect(updateIntervalMs({ ...DEFAULT_CADENCE, everyMs: { SEV3: 90 * MINUTE } }, 'SEV3', declared, at(180))).toBe(90 * MINUTE);
  });

  it('reminds once shortly before, at the due time, then every 10 minutes while overdue', () => {
    const dueAt = at(20);
    expect(reminderDue(DEFAULT_CADENCE, { dueAt }, at(14))).toBeUndefined();
    expect(reminderDue(DEFAULT_CADENCE, { dueAt }, at(15))).toBe('due_soon');
    expect(reminderDue(DEFAULT_CADENCE, { dueAt, lastReminder: 'due_soon', lastRemindedAt: at(15) }, at(19))).toBeUndefined();
    expect(reminderDue(DEFAULT_CADENCE, { dueAt, lastReminder: 'due_soon', lastRemindedAt: at(15) }, at(20))).toBe('overdue');
    expect(reminderDue(DEFAULT_CADENCE, { dueAt, lastReminder: 'overdue', lastRemindedAt: at(20) }, at(29))).toBeUndefined();
    expect(reminderDue(DEFAULT_CADENCE, { dueAt, lastReminder: 'overdue', lastRemindedAt: at(20) }, at(30))).toBe('overdue');
  });

  it('a snooze holds every reminder until it ends, then the overdue one comes', () => {
    const dueAt = at(20);
    expect(reminderDue(DEFAULT_CADENCE, { dueAt, snoozedUntil: at(50) }, at(49))).toBeUndefined();
    expect(reminderDue(DEFAULT_CADENCE, { dueAt, snoozedUntil: at(50) }, at(50))).toBe('overdue');
  });
});

describe('what an update must say', () => {
  it('requires the headline, what users see and what we do; executives the business impact; a resolution whether data was lost', () => {
    expect(requiredFields('initial', 'client')).toEqual(['headline', 'userImpact', 'actions']);
    expect(requiredFields('update', 'executive')).toContain('businessImpact');
    expect(requiredFields('resolution', 'client')).toContain('dataImpact');
  });

  it('follows the incident: first notification, updates, then the resolution', () => {
    expect(updateMomentFor('investigating', 0)).toBe('initial');
    expect(updateMomentFor('mitigated', 2)).toBe('update');
    expect(updateMomentFor('resolved', 0)).toBe('resolution');
    expect(suggestedUpdateState('triggered', false)).toBe('investigating');
    expect(suggestedUpdateState('investigating', true)).toBe('identified');
    expect(suggestedUpdateState('mitigated', false)).toBe('monitoring');
  });
});
