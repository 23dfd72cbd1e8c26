import { describe, expect, it } from 'vitest';
import {
  defaultEscalationPolicy,
  nextStepToEscalate,
  planEscalation,
  policyFor,
  replanEscalation,
  stepsCancelledBy,
  type EscalationPolicy,
} from '../../src/domain/escalationPlan.js';

const MINUTE = 60 * 1000;
const declaredAt = new Date('2026-11-22T10:00:00Z');
const minutesAfterDeclaration = (minutes: number): Date => new Date(declaredAt.getTime() + minutes * MINUTE);
const none: ReadonlySet<string> = new Set();

describe('defaultEscalationPolicy', () => {
  it('plans four steps at 0/15/30/60m for SEV1', () => {
    const plan = planEscalation(defaultEscalationPolicy(), 'SEV1', declaredAt);
    expect(plan.map((step) => [step.key, step.label, step.dueAt, step.notify, step.until])).toEqual([
      ['c0-s0', 'L1', minutesAfterDeclaration(0), { kind: 'primary' }, 'acknowledged'],
      ['c0-s1', 'L2', minutesAfterDeclaration(15), { kind: 'secondary' }, 'acknowledged'],
      ['c0-s2', 'L3', minutesAfterDeclaration(30), { kind: 'rotation', rotation: 'lead' }, 'resolved'],
      ['c0-s3', 'Executive', minutesAfterDeclaration(60), { kind: 'rotation', rotation: 'executives' }, 'resolved'],
    ]);
  });

  it('leaves the executives out for SEV3', () => {
    const plan = planEscalation(defaultEscalationPolicy(), 'SEV3', declaredAt);
    expect(plan.map((step) => step.key)).toEqual(['c0-s0', 'c0-s1', 'c0-s2']);
  });

  it('returns a fresh object each time', () => {
    const edited = defaultEscalationPolicy();
    edited.steps.pop();
    expect(defaultEscalationPolicy().steps).toHaveLength(4);
  });
});

describe('policyFor', () => {
  const sev1Only: EscalationPolicy = { steps: [{ after: 0, notify: { kind: 'usergroup', usergroup: 'S0SRE' }, until: 'resolved' }] };
  const configuredDefault: EscalationPolicy = { steps: [{ after: 0, notify: { kind: 'primary' }, until: 'acknowledged' }] };

  it('prefers the severity-specific policy over the default', () => {
    expect(policyFor({ default: configuredDefault, SEV1: sev1Only }, 'SEV1')).toBe(sev1Only);
    expect(policyFor({ default: configuredDefault, SEV1: sev1Only }, 'SEV2')).toBe(configuredDefault);
  });

  it('falls back to the built-in default when nothing is configured', () => {
    expect(policyFor({}, 'SEV2')).toEqual(defaultEscalationPolicy());
  });
});

describe('planEscalation', () => {
  it('labels unlabelled steps L1, L2, ... by their position in the policy', () => {
    const policy: EscalationPolicy = {
      steps: [
        { after: 0, notify: { kind: 'primary' }, until: 'acknowledged', severities: ['SEV1'] },
        { after: 5 * MINUTE, notify: { kind: 'users', users: ['U07'] }, until: 'resolved' },
      ],
    };
    expect(planEscalation(policy, 'SEV2', declaredAt)).toEqual([
      {
        key: 'c0-s1',
        cycle: 0,
        stepIndex: 1,
        label: 'L2',
        dueAt: minutesAfterDeclaration(5),
        notify: { kind: 'users', users: ['U07'] },
        until: 'resolved',
      },
    ]);
  });

  it('replays the until-acknowledged steps in each repeat cycle', () => {
    const policy: EscalationPolicy = { ...defaultEscalationPolicy(), repeat: { times: 2, every: 20 * MINUTE } };
    const plan = planEscalation(policy, 'SEV3', declaredAt);
    expect(plan.map((step) => [step.key, step.dueAt.getTime() - declaredAt.getTime()])).toEqual([
      ['c0-s0', 0],
      ['c0-s1', 15 * MINUTE],
      ['c1-s0', 20 * MINUTE],
      ['c0-s2', 30 * MINUTE],
      ['c1-s1', 35 * MINUTE],
      ['c2-s0', 40 * MINUTE],
      ['c2-s1', 55 * MINUTE],
    ]);
    expect(new Set(plan.map((step) => step.key)).size).toBe(plan.length);
    expect(plan.filter((step) => step.cycle > 0).every((step) => step.until === 'acknowledged')).toBe(true);
  });

  it('orders steps due at the same time by step index', () => {
    const policy: EscalationPolicy = {
      steps: [
        { after: 10 * MINUTE, notify: { kind: 'secondary' }, until: 'acknowledged' },
        { after: 0, notify: { kind: 'primary' }, until: 'acknowledged' },
        { after: 0, notify: { kind: 'usergroup', usergroup: 'S0ML' }, until: 'resolved' },
      ],
    };
    expect(planEscalation(policy, 'SEV2', declaredAt).map((step) => step.stepIndex)).toEqual([1, 2, 0]);
  });

  it('rejects a repeat that would stack every cycle at once', () => {
    const policy: EscalationPolicy = { ...defaultEscalationPolicy(), repeat: { times: 3, every: 0 } };
    expect(() => planEscalation(policy, 'SEV1', declaredAt)).toThrow(RangeError);
  });
});

describe('stepsCancelledBy', () => {
  const plan = planEscalation(defaultEscalationPolicy(), 'SEV1', declaredAt);

  it('cancels only the until-acknowledged steps on acknowledgement', () => {
    expect(stepsCancelledBy('acknowledged', plan).map((step) => step.key)).toEqual(['c0-s0', 'c0-s1']);
  });

  it('cancels everything on resolution', () => {
    expect(stepsCancelledBy('resolved', plan).map((step) => step.key)).toEqual(['c0-s0', 'c0-s1', 'c0-s2', 'c0-s3']);
  });
});

describe('replanEscalation', () => {
  const policy = defaultEscalationPolicy();

  it('adds the executive step, due now, after SEV3 -> SEV1 past the 60m mark', () => {
    const now = minutesAfterDeclaration(75);
    const fired = new Set(['c0-s0', 'c0-s1', 'c0-s2']);
    const plan = replanEscalation(policy, 'SEV1', declaredAt, now, fired, false);
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ key: 'c0-s3', label: 'Executive', dueAt: now });
  });

  it('keeps the executive step at its own time when 60m has not passed', () => {
    const now = minutesAfterDeclaration(20);
    const fired = new Set(['c0-s0', 'c0-s1']);
    const plan = replanEscalation(policy, 'SEV1', declaredAt, now, fired, false);
    expect(plan.map((step) => [step.key, step.dueAt])).toEqual([
      ['c0-s2', minutesAfterDeclaration(30)],
      ['c0-s3', minutesAfterDeclaration(60)],
    ]);
  });

  it('keeps acknowledged-away steps cancelled', () => {
    const now = minutesAfterDeclaration(10);
    const plan = replanEscalation(policy, 'SEV1', declaredAt, now, new Set(['c0-s0']), true);
    expect(plan.map((step) => step.key)).toEqual(['c0-s2', 'c0-s3']);
  });

  it('drops the executive step after SEV1 -> SEV4', () => {
    const now = minutesAfterDeclaration(20);
    const plan = replanEscalation(policy, 'SEV4', declaredAt, now, new Set(['c0-s0', 'c0-s1']), false);
    expect(plan.map((step) => step.key)).toEqual(['c0-s2']);
  });

  it('pages an overdue step once, in its latest cycle, rather than once per missed cycle', () => {
    const repeating: EscalationPolicy = {
      steps: [
        { after: 0, notify: { kind: 'primary' }, until: 'acknowledged' },
        { after: 5 * MINUTE, notify: { kind: 'usergroup', usergroup: 'S0SRE' }, until: 'acknowledged', severities: ['SEV1'] },
      ],
      repeat: { times: 3, every: 10 * MINUTE },
    };
    const now = minutesAfterDeclaration(27);
    const fired = new Set(['c0-s0', 'c1-s0', 'c2-s0']);
    const plan = replanEscalation(repeating, 'SEV1', declaredAt, now, fired, false);
    expect(plan.map((step) => [step.key, step.dueAt])).toEqual([
      ['c2-s1', now],
      ['c3-s0', minutesAfterDeclaration(30)],
      ['c3-s1', minutesAfterDeclaration(35)],
    ]);
  });
});

describe('nextStepToEscalate', () => {
  const plan = planEscalation(defaultEscalationPolicy(), 'SEV1', declaredAt);

  it('jumps to the earliest step not yet fired', () => {
    expect(nextStepToEscalate(plan, new Set(['c0-s0']), false)?.key).toBe('c0-s1');
    expect(nextStepToEscalate(plan, none, false)?.key).toBe('c0-s0');
  });

  it('skips steps cancelled by acknowledgement', () => {
    expect(nextStepToEscalate(plan, new Set(['c0-s0']), true)?.key).toBe('c0-s2');
  });

  it('does not depend on the order it is given', () => {
    expect(nextStepToEscalate([...plan].reverse(), new Set(['c0-s0']), false)?.key).toBe('c0-s1');
  });

  it('returns undefined when everything has fired', () => {
    expect(nextStepToEscalate(plan, new Set(plan.map((step) => step.key)), false)).toBeUndefined();
  });
});
