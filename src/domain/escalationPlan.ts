// Escalation planning: which pages an incident gets, and when. Pure: the declaration time and
// "now" are parameters, and the output is a list of steps with due times that the scheduler
// stores as timer rows. Each planned step has a stable key so a step is paged at most once, even
// across restarts and re-plans.

import type { Severity } from './types.js';
import type { PagerName } from './pagers.js';

export type NotifyTarget =
  | { kind: 'primary' }
  | { kind: 'secondary' }
  | { kind: 'rotation'; rotation: string }
  | { kind: 'users'; users: string[] }
  | { kind: 'usergroup'; usergroup: string }
  /** A pager outside Slack (PagerDuty, a webhook pager) configured under `pagers:` in the policy. */
  | { kind: 'pager'; pager: PagerName };

export type StepStopsWhen = 'acknowledged' | 'resolved';

export interface EscalationStep {
  /** Milliseconds after the incident was declared. */
  after: number;
  notify: NotifyTarget;
  until: StepStopsWhen;
  /** Only for these severities; all severities when absent. */
  severities?: Severity[];
  /** e.g. 'L1'; defaults to `L${index + 1}`. */
  label?: string;
}

export interface EscalationPolicy {
  steps: EscalationStep[];
  /**
   * Start again while unacknowledged: cycle k (1..times) starts k*every after declaration and
   * replays the steps whose `until` is 'acknowledged'.
   */
  repeat?: { times: number; every: number };
}

export interface PlannedStep {
  /** Stable and unique within an incident, e.g. 'c0-s1' (cycle 0, step 1); the DB unique key. */
  key: string;
  cycle: number;
  /** Index into the policy's `steps` (not into the filtered plan), so keys survive re-planning. */
  stepIndex: number;
  label: string;
  dueAt: Date;
  notify: NotifyTarget;
  until: StepStopsWhen;
}

export type EscalationEvent = 'acknowledged' | 'resolved';

const MINUTE = 60 * 1000;

/**
 * DOMAIN.md's defaults: L1 primary at 0 and L2 secondary at 15m until acknowledged; L3 the lead
 * at 30m and the executives at 60m (SEV1 and SEV2 only) until resolved. Lead and executives are
 * the named rotations 'lead' and 'executives'. A fresh object each call, so callers may edit it.
 */
export function defaultEscalationPolicy(): EscalationPolicy {
  return {
    steps: [
      { after: 0, notify: { kind: 'primary' }, until: 'acknowledged', label: 'L1' },
      { after: 15 * MINUTE, notify: { kind: 'secondary' }, until: 'acknowledged', label: 'L2' },
      { after: 30 * MINUTE, notify: { kind: 'rotation', rotation: 'lead' }, until: 'resolved', label: 'L3' },
      {
        after: 60 * MINUTE,
        notify: { kind: 'rotation', rotation: 'executives' },
        until: 'resolved',
        severities: ['SEV1', 'SEV2'],
        label: 'Executive',
      },
    ],
  };
}

/** The policy for a severity: its own if configured, else the configured default, else the built-in default. */
export function policyFor(policies: Record<string, EscalationPolicy>, severity: Severity): EscalationPolicy {
  return policies[severity] ?? policies['default'] ?? defaultEscalationPolicy();
}

/**
 * Every page the incident would get if nobody acknowledged or resolved it: cycle 0 is every step
 * that applies to the severity, cycles 1..repeat.times replay the until-acknowledged ones.
 * Sorted by due time, then step index, then cycle.
 */
export function planEscalation(policy: EscalationPolicy, severity: Severity, declaredAt: Date): PlannedStep[] {
  assertValidPolicy(policy);
  const planned: PlannedStep[] = [];
  const cycles = policy.repeat?.times ?? 0;

  for (let cycle = 0; cycle <= cycles; cycle += 1) {
    const cycleStart = declaredAt.getTime() + cycle * (policy.repeat?.every ?? 0);
    policy.steps.forEach((step, stepIndex) => {
      if (!appliesTo(step, severity)) return;
      if (cycle > 0 && step.until !== 'acknowledged') return;
      planned.push({
        key: plannedStepKey(cycle, stepIndex),
        cycle,
        stepIndex,
        label: step.label ?? `L${stepIndex + 1}`,
        dueAt: new Date(cycleStart + step.after),
        notify: step.notify,
        until: step.until,
      });
    });
  }
  return planned.sort(byDueThenStep);
}

/** The planned steps an event stops: acknowledging stops the until-acknowledged ones; resolving stops all. */
export function stepsCancelledBy(event: EscalationEvent, steps: PlannedStep[]): PlannedStep[] {
  return event === 'resolved' ? [...steps] : steps.filter((step) => step.until === 'acknowledged');
}

/**
 * Severity changed mid-incident: the plan for the new severity, minus steps already fired (by
 * key), minus steps that no longer apply; steps whose due time has passed are due now
 * (dueAt = now). Until-acknowledged steps stay cancelled when `acknowledged` is true.
 *
 * One choice beyond that: when the same step is overdue in several repeat cycles (possible when a
 * severity-specific step appears late in an incident with repeats), only its latest cycle is kept.
 * Paging the same target several times in the same instant helps nobody.
 */
export function replanEscalation(
  policy: EscalationPolicy,
  newSeverity: Severity,
  declaredAt: Date,
  now: Date,
  firedKeys: ReadonlySet<string>,
  acknowledged: boolean,
): PlannedStep[] {
  const pending = planEscalation(policy, newSeverity, declaredAt).filter(
    (step) => !firedKeys.has(step.key) && !isCancelled(step, acknowledged),
  );

  const latestOverdueCycle = new Map<number, number>();
  for (const step of pending) {
    if (step.dueAt.getTime() <= now.getTime()) {
      latestOverdueCycle.set(step.stepIndex, Math.max(step.cycle, latestOverdueCycle.get(step.stepIndex) ?? 0));
    }
  }

  // Re-sorted because several overdue steps now share `now`; like planEscalation, ties go in step order.
  return pending
    .filter((step) => step.dueAt.getTime() > now.getTime() || latestOverdueCycle.get(step.stepIndex) === step.cycle)
    .map((step) => (step.dueAt.getTime() < now.getTime() ? { ...step, dueAt: new Date(now.getTime()) } : step))
    .sort(byDueThenStep);
}

/** For "escalate now": the earliest step not yet fired and not cancelled, whether or not it is due. */
export function nextStepToEscalate(
  plan: PlannedStep[],
  firedKeys: ReadonlySet<string>,
  acknowledged: boolean,
): PlannedStep | undefined {
  return [...plan]
    .sort(byDueThenStep)
    .find((step) => !firedKeys.has(step.key) && !isCancelled(step, acknowledged));
}

// ---------------------------------------------------------------------------------------------

export function plannedStepKey(cycle: number, stepIndex: number): string {
  return `c${cycle}-s${stepIndex}`;
}

function appliesTo(step: EscalationStep, severity: Severity): boolean {
  return step.severities === undefined || step.severities.includes(severity);
}

/** Once acknowledged, the until-acknowledged steps are cancelled for good. */
function isCancelled(step: PlannedStep, acknowledged: boolean): boolean {
  return acknowledged && step.until === 'acknowledged';
}

function byDueThenStep(a: PlannedStep, b: PlannedStep): number {
  return a.dueAt.getTime() - b.dueAt.getTime() || a.stepIndex - b.stepIndex || a.cycle - b.cycle;
}

/**
 * The config layer validates with zod; this guards the arithmetic against a policy built in code,
 * where a zero `every` would stack every cycle on top of the first.
 */
function assertValidPolicy(policy: EscalationPolicy): void {
  for (const step of policy.steps) {
    if (!Number.isFinite(step.after) || step.after < 0) {
      throw new RangeError(`escalation step "after" must be a non-negative duration, got ${step.after}`);
    }
  }
  const { repeat } = policy;
  if (repeat === undefined) return;
  if (!Number.isInteger(repeat.times) || repeat.times < 0) {
    throw new RangeError(`escalation repeat "times" must be a non-negative integer, got ${repeat.times}`);
  }
  if (repeat.times > 0 && (!Number.isFinite(repeat.every) || repeat.every <= 0)) {
    throw new RangeError(`escalation repeat "every" must be a positive duration, got ${repeat.every}`);
  }
}
