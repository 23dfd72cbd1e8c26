// A drift monitor as the policy defines it, and the rule that turns its checks' verdicts into
// raising and clearing its signal. Pure.

import type { Category, Severity, SignalKind } from '../types.js';
import type { DriftTestChoice } from './driftTest.js';

export type BaselineRef = { kind: 'named'; name: string } | { kind: 'rolling'; periodMs: number };

export interface MonitorDefinition {
  name: string;
  model: string;
  /** A feature's name, or `prediction` / `confidence` for the model's outputs. */
  feature: string;
  test: DriftTestChoice;
  baseline: BaselineRef;
  /** The current sample: samples observed in the last windowMs. */
  windowMs: number;
  everyMs: number;
  /** Unset: the default of the test that runs. */
  threshold?: number;
  minSamples: number;
  consecutive: number;
  severity?: Severity;
  category?: Category;
}

/** What the monitor's signal is called in an incident: outputs drift as predictions or confidence, inputs as data. */
export function signalKindFor(feature: string): SignalKind {
  if (feature === 'prediction') return 'prediction_drift';
  if (feature === 'confidence') return 'confidence_drop';
  return 'data_drift';
}

export interface Streaks {
  breachStreak: number;
  recoveryStreak: number;
  firing: boolean;
}

export type StreakAction = 'raise' | 'clear' | 'still_firing' | 'none';

/**
 * One verdict applied to the streaks: `consecutive` breaches in a row raise the signal,
 * `consecutive` recoveries in a row clear it. A check without a verdict (too few samples) leaves
 * everything as it was. A breach while firing says so, so the intake can see whether the signal
 * still has an open incident (a person may have resolved it while the drift went on).
 */
export function applyVerdict(streaks: Streaks, breached: boolean | null, consecutive: number): { streaks: Streaks; action: StreakAction } {
  if (breached === null) return { streaks, action: 'none' };
  if (breached) {
    const next = { breachStreak: streaks.breachStreak + 1, recoveryStreak: 0, firing: streaks.firing };
    if (streaks.firing) return { streaks: next, action: 'still_firing' };
    if (next.breachStreak >= consecutive) return { streaks: { ...next, firing: true }, action: 'raise' };
    return { streaks: next, action: 'none' };
  }
  const next = { breachStreak: 0, recoveryStreak: streaks.recoveryStreak + 1, firing: streaks.firing };
  if (streaks.firing && next.recoveryStreak >= consecutive) return { streaks: { ...next, firing: false }, action: 'clear' };
  return { streaks: next, action: 'none' };
}

/** "ok", "drifting", "recovering"...: the state a person reads in a list. */
export function monitorStateWord(streaks: Streaks, everChecked: boolean): 'not checked yet' | 'ok' | 'breaching' | 'drifting' | 'recovering' {
  if (!everChecked) return 'not checked yet';
  if (streaks.firing) return streaks.recoveryStreak > 0 ? 'recovering' : 'drifting';
  return streaks.breachStreak > 0 ? 'breaching' : 'ok';
}
