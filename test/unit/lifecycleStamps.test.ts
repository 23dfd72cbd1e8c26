import { describe, expect, it } from 'vitest';
import { stampsForTransition, type LifecycleStamps } from '../../src/domain/lifecycleStamps.js';

const t0 = new Date('2026-11-22T16:00:00Z');
const now = new Date('2026-11-22T17:00:00Z');
const none: LifecycleStamps = { acknowledgedAt: null, investigatingAt: null, mitigatedAt: null, reopenedAt: null, resolvedAt: null };

describe('stampsForTransition', () => {
  it('leaving triggered counts as the acknowledgement when nobody acknowledged', () => {
    expect(stampsForTransition('triggered', 'investigating', none, now)).toEqual({ acknowledgedAt: now, investigatingAt: now });
    expect(stampsForTransition('triggered', 'mitigated', none, now)).toEqual({ acknowledgedAt: now, mitigatedAt: now });
  });

  it('keeps an earlier acknowledgement and the first start of investigation', () => {
    const stamps = { ...none, acknowledgedAt: t0, investigatingAt: t0 };
    expect(stampsForTransition('acknowledged', 'investigating', stamps, now)).toEqual({});
  });

  it('a mitigation that did not hold is cleared when investigation resumes', () => {
    const stamps = { ...none, acknowledgedAt: t0, investigatingAt: t0, mitigatedAt: t0 };
    expect(stampsForTransition('mitigated', 'investigating', stamps, now)).toEqual({ mitigatedAt: null });
    expect(stampsForTransition('investigating', 'mitigated', stamps, now)).toEqual({ mitigatedAt: now });
  });

  it('reopening stamps reopenedAt, clears the resolution time and the mitigation', () => {
    const stamps = { ...none, acknowledgedAt: t0, investigatingAt: t0, mitigatedAt: t0, resolvedAt: t0 };
    expect(stampsForTransition('resolved', 'investigating', stamps, now)).toEqual({ mitigatedAt: null, reopenedAt: now, resolvedAt: null });
  });

  it('resolving stamps resolvedAt', () => {
    expect(stampsForTransition('mitigated', 'resolved', { ...none, acknowledgedAt: t0 }, now)).toEqual({ resolvedAt: now });
  });

  it('refuses moves the lifecycle does not allow', () => {
    expect(() => stampsForTransition('investigating', 'acknowledged', none, now)).toThrow(/cannot become acknowledged/);
    expect(() => stampsForTransition('resolved', 'mitigated', none, now)).toThrow(/cannot become mitigated/);
  });
});
