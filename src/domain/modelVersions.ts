// Which version of a model an incident is about, from the deployment history CI/CD reported and
// what the alerts said, and what a rollback would go back to. Pure: rows in, facts out.

import type { OperatorActionKind } from './operatorActions.js';

export interface Deployment {
  id: number;
  model: string;
  version: string;
  environment: string;
  deployedAt: Date;
  by: string;
  /** The immutable id (image digest, registry run id); a version name may be a mutable tag. */
  artifact: string | null;
}

/** A rollback or kill switch the operator's hook accepted: it changes what is live. */
export interface AcceptedAction {
  action: OperatorActionKind;
  environment: string;
  /** The rollback's target; null for the kill switch. */
  to: string | null;
  at: Date;
  by: string;
}

/** What is live now, and what made it so. */
export interface LiveNow {
  /** null: disabled by the kill switch, or never known. */
  version: string | null;
  environment: string | null;
  via: 'deployment' | 'rollback' | 'killSwitch' | 'alert';
  at: Date | null;
  by: string | null;
  deployment: Deployment | null;
}

export interface VersionFacts {
  model: string;
  /** The environment an alert named, if any; else the one the history says the model was live in. */
  environment: string | null;
  /** Per the history: the deployment live when the first signal started. */
  liveAtStart: Deployment | null;
  /** The deployment live before the version the incident is about. */
  previous: Deployment | null;
  /** The version an alert reported; it wins over the history. */
  alertVersion: string | null;
  /** The version the incident is about: the alert's own, else the history's. */
  version: string | null;
  /** The alert's version is not the one the history says was live. */
  disagreement: boolean;
  /** Deployments after the first signal started, oldest first. */
  since: Deployment[];
  now: LiveNow;
  /** What Roll back would send: from the live version to the one deployed before it. */
  rollbackTarget: { environment: string; from: string; to: string } | null;
}

export interface VersionInputs {
  model: string;
  /** Every deployment of the model, any order. */
  deployments: readonly Deployment[];
  /** When the first signal started (else when it was detected). */
  startedAt: Date;
  alertVersion: string | null;
  alertEnvironment: string | null;
  accepted: readonly AcceptedAction[];
}

const byTime = (a: Deployment, b: Deployment): number => a.deployedAt.getTime() - b.deployedAt.getTime() || a.id - b.id;

/** The last deployment before `of` (in its list) whose version differs from `of`'s. */
function before(history: readonly Deployment[], of: Deployment): Deployment | null {
  const at = history.indexOf(of);
  for (let i = at - 1; i >= 0; i--) if (history[i]!.version !== of.version) return history[i]!;
  return null;
}

const lastWhere = <T>(items: readonly T[], test: (item: T) => boolean): T | undefined => {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return items[i];
  return undefined;
};

/**
 * The version facts of an incident. The history is read in the environment the alert names,
 * or in any environment when it names none; the previous version and the rollback are read in
 * the environment of the live deployment, the one a rollback would change.
 */
export function versionFacts(input: VersionInputs): VersionFacts {
  const start = input.startedAt.getTime();
  const relevant = input.deployments.filter((d) => input.alertEnvironment === null || d.environment === input.alertEnvironment).sort(byTime);
  const liveAtStart = lastWhere(relevant, (d) => d.deployedAt.getTime() <= start) ?? null;
  const environment = input.alertEnvironment ?? liveAtStart?.environment ?? relevant.at(-1)?.environment ?? null;
  const history = relevant.filter((d) => d.environment === environment);

  const disagreement = input.alertVersion !== null && liveAtStart !== null && input.alertVersion !== liveAtStart.version;
  let previous: Deployment | null = null;
  if (disagreement) {
    // The alert's version, if the history knows it, and what was before it; else the history's
    // live version is the best word for what came before the alert's.
    const own = lastWhere(history, (d) => d.version === input.alertVersion && d.deployedAt.getTime() <= start) ?? lastWhere(history, (d) => d.version === input.alertVersion);
    previous = own ? before(history, own) : liveAtStart;
  } else if (liveAtStart) {
    previous = before(history, liveAtStart);
  }

  const now = liveNow(history, input.accepted, environment, input.alertVersion);
  const live = now.version === null ? undefined : lastWhere(history, (d) => d.version === now.version);
  const to = live ? before(history, live) : null;
  return {
    model: input.model,
    environment,
    liveAtStart,
    previous,
    alertVersion: input.alertVersion,
    version: input.alertVersion ?? liveAtStart?.version ?? null,
    disagreement,
    since: relevant.filter((d) => d.deployedAt.getTime() > start),
    now,
    rollbackTarget: environment !== null && now.version !== null && to ? { environment, from: now.version, to: to.version } : null,
  };
}

/**
 * What is live in an environment: the latest of its deployments (oldest first) and the accepted
 * actions there; else what an alert said (`fallback`).
 */
export function liveNow(history: readonly Deployment[], accepted: readonly AcceptedAction[], environment: string | null, fallback: string | null = null): LiveNow {
  const deployment = history.at(-1) ?? null;
  const action = lastWhere(
    [...accepted].sort((a, b) => a.at.getTime() - b.at.getTime()),
    (a) => a.environment === environment,
  );
  if (action && (!deployment || action.at.getTime() >= deployment.deployedAt.getTime())) {
    // Rolled back to a version the history knows: its latest deployment says which artifact that is.
    const restored = action.action === 'rollback' ? (lastWhere(history, (d) => d.version === action.to) ?? null) : null;
    return { version: action.action === 'rollback' ? action.to : null, environment, via: action.action, at: action.at, by: action.by, deployment: restored };
  }
  if (deployment) return { version: deployment.version, environment, via: 'deployment', at: deployment.deployedAt, by: deployment.by, deployment };
  return { version: fallback, environment, via: 'alert', at: null, by: null, deployment: null };
}
