import type { Category } from '../domain/types.js';
import type { Rotation } from '../domain/oncall.js';
import type { EscalationPolicy, EscalationStep, NotifyTarget } from '../domain/escalationPlan.js';
import { defaultEscalationPolicy } from '../domain/escalationPlan.js';
import type { PolicyFile } from './policySchema.js';
import { AUDIENCES, type Audience } from '../domain/stakeholderUpdates.js';
import { DEFAULT_CADENCE, type CadencePolicy } from '../domain/updateCadence.js';
import type { OperatorActionKind } from '../domain/operatorActions.js';
import type { PagerName } from '../domain/pagers.js';
import type { MonitorDefinition } from '../domain/drift/monitor.js';

/** A webhook format a source may deliver, or `api`: a reader of the JSON API under /api. */
export type SourceKind = 'alertmanager' | 'detector' | 'deployments' | 'grafana' | 'pagerduty' | 'samples' | 'api';
export interface Source {
  name: string;
  kind: SourceKind;
  token: string;
}

export type Permission = 'declareSev1' | 'resolve' | 'changeSeverity' | 'rollback' | 'approveUpdates';

/** The policy after validation and defaults: what the rest of Vigil reads. */
export interface Policy {
  sources: Source[];
  rotations: Record<string, Rotation>;
  routing: Record<Category, string>;
  escalation: Record<string, EscalationPolicy>;
  announceChannel?: string;
  /** Alerts of the same model and category within this window join one incident. */
  groupingWindowMs: number;
  /** While unacknowledged, the channel is reminded this often. */
  reminderEveryMs: number;
  /** Who may do what: user ids, user group ids, or 'anyone'. */
  permissions: Record<Permission, string[]>;
  runbooksFolder?: string;
  stakeholders: Stakeholders;
  statusPage: { title: string; timeZone: string };
  /** The operator's HTTP hooks for rollback and the kill switch; an action without one is not offered. */
  actions: Partial<Record<OperatorActionKind, ActionHook>>;
  /** Pagers outside Slack that escalation steps may page through; one not configured cannot be named in a step. */
  pagers: Pagers;
  /** When set, `GET /metrics` needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** Built-in drift monitors, each checked on its own interval. */
  monitors: MonitorDefinition[];
}

/** PagerDuty (Events API v2) and a webhook pager (signed like the operator actions). */
export interface Pagers {
  pagerduty?: { routingKey: string; url: string; timeoutMs: number };
  webhook?: ActionHook;
}

/** Where an operator action is sent, the secret its requests are signed with, and how long to wait. */
export interface ActionHook {
  url: string;
  secret: string;
  timeoutMs: number;
}

/** Where one audience's updates go and who must approve them first. */
export interface AudiencePolicy {
  /** Unset: the updates are drafted and shown in the incident channel only. */
  channel?: string;
  /** 'commander': the incident commander (or permissions.approveUpdates) approves before it is sent. */
  approval: 'commander' | 'none';
  timeZone: string;
}

export interface Stakeholders {
  audiences: Record<Audience, AudiencePolicy>;
  cadence: CadencePolicy;
  /** A team's folder of templates that replace built-in ones of the same name. */
  templatesFolder?: string;
}

export const DEFAULT_ROUTING: Record<Category, string> = {
  model: 'ml',
  data: 'data',
  integration: 'data',
  infrastructure: 'infra',
  safety: 'ml',
  retrieval: 'ml',
};

const MINUTE = 60_000;

export function builtInPolicy(): Policy {
  return {
    sources: [],
    rotations: {
      ml: { name: 'ml', members: [] },
      data: { name: 'data', members: [] },
      infra: { name: 'infra', members: [] },
      lead: { name: 'lead', members: [] },
      executives: { name: 'executives', members: [] },
    },
    routing: { ...DEFAULT_ROUTING },
    escalation: { default: defaultEscalationPolicy() },
    groupingWindowMs: 30 * MINUTE,
    reminderEveryMs: 5 * MINUTE,
    // Approving a client update is the commander's call; this adds people who may approve besides them.
    permissions: { declareSev1: ['anyone'], resolve: ['anyone'], changeSeverity: ['anyone'], rollback: ['anyone'], approveUpdates: [] },
    stakeholders: {
      audiences: {
        client: { approval: 'commander', timeZone: 'UTC' },
        executive: { approval: 'none', timeZone: 'UTC' },
        internal: { approval: 'none', timeZone: 'UTC' },
      },
      cadence: { ...DEFAULT_CADENCE, everyMs: { ...DEFAULT_CADENCE.everyMs }, firstWithinMs: { ...DEFAULT_CADENCE.firstWithinMs } },
    },
    statusPage: { title: 'Service status', timeZone: 'UTC' },
    actions: {},
    pagers: {},
    monitors: [],
  };
}

/** A problem found after the schema passed (cross-references between sections). */
export class PolicyReferenceError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

function notifyTarget(raw: unknown, path: string, rotations: Record<string, Rotation>, pagers: Pagers): NotifyTarget {
  if (Array.isArray(raw)) return { kind: 'users', users: raw.map(String) };
  if (typeof raw === 'string') {
    if (raw === 'primary' || raw === 'secondary') return { kind: raw };
    if (rotations[raw]) return { kind: 'rotation', rotation: raw };
    throw new PolicyReferenceError(path, `"${raw}" is neither primary, secondary nor a rotation in rotations:`);
  }
  const target = raw as { rotation?: string; usergroup?: string; pager?: PagerName };
  if (target.usergroup) return { kind: 'usergroup', usergroup: target.usergroup };
  if (target.pager) {
    if (!pagers[target.pager]) throw new PolicyReferenceError(path, `no pager "${target.pager}" in pagers:`);
    return { kind: 'pager', pager: target.pager };
  }
  const rotation = target.rotation ?? '';
  if (!rotations[rotation]) throw new PolicyReferenceError(path, `no rotation named "${rotation}" in rotations:`);
  return { kind: 'rotation', rotation };
}

type FileSteps = NonNullable<NonNullable<PolicyFile['escalation']>['default']>;

function escalationPolicy(raw: FileSteps, path: string, rotations: Record<string, Rotation>, pagers: Pagers): EscalationPolicy {
  const steps: EscalationStep[] = raw.steps.map((step, index) => ({
    after: step.after,
    notify: notifyTarget(step.notify, `${path}[${index}].notify`, rotations, pagers),
    until: step.until,
    ...(step.severities ? { severities: step.severities } : {}),
    ...(step.label ? { label: step.label } : {}),
  }));
  return { steps, ...(raw.repeat ? { repeat: raw.repeat } : {}) };
}

/** Merge a validated file over the built-in defaults. */
export function policyFromFile(file: PolicyFile): Policy {
  const policy = builtInPolicy();
  if (file.sources) policy.sources = file.sources;
  if (file.rotations) {
    for (const [name, rotation] of Object.entries(file.rotations)) {
      policy.rotations[name] = { name, members: rotation.members, ...(rotation.handoff ? { handoff: rotation.handoff } : {}) };
    }
  }
  if (file.routing) {
    for (const [category, rotation] of Object.entries(file.routing)) {
      if (!policy.rotations[rotation]) {
        throw new PolicyReferenceError(`routing.${category}`, `no rotation named "${rotation}" in rotations:`);
      }
      policy.routing[category as Category] = rotation;
    }
  }
  if (file.pagers?.pagerduty) {
    const { routingKey, url, timeout } = file.pagers.pagerduty;
    policy.pagers.pagerduty = { routingKey, url, timeoutMs: timeout };
  }
  if (file.pagers?.webhook) policy.pagers.webhook = { url: file.pagers.webhook.url, secret: file.pagers.webhook.secret, timeoutMs: file.pagers.webhook.timeout };
  if (file.metrics) policy.metricsToken = file.metrics.token;
  if (file.monitors) policy.monitors = file.monitors;
  if (file.escalation) {
    for (const [key, steps] of Object.entries(file.escalation)) {
      if (steps) policy.escalation[key] = escalationPolicy(steps, `escalation.${key}`, policy.rotations, policy.pagers);
    }
  }
  if (file.announce) policy.announceChannel = file.announce.channel;
  if (file.grouping) policy.groupingWindowMs = file.grouping.window;
  if (file.reminders) policy.reminderEveryMs = file.reminders.unacknowledgedEvery;
  if (file.permissions) {
    for (const [permission, who] of Object.entries(file.permissions)) {
      if (who) policy.permissions[permission as Permission] = who;
    }
  }
  if (file.runbooks) policy.runbooksFolder = file.runbooks.folder;
  if (file.stakeholders) policy.stakeholders = stakeholdersFrom(file.stakeholders, policy.stakeholders);
  if (file.statusPage) policy.statusPage = { title: file.statusPage.title, timeZone: file.statusPage.timeZone ?? 'UTC' };
  if (file.actions) {
    for (const [action, hook] of Object.entries(file.actions)) {
      if (hook) policy.actions[action as OperatorActionKind] = { url: hook.url, secret: hook.secret, timeoutMs: hook.timeout };
    }
  }
  return policy;
}

/**
 * `stakeholders.channel` is every audience's channel unless the audience names its own;
 * `timeZone` likewise. Intervals given replace the defaults of those severities only.
 */
function stakeholdersFrom(file: NonNullable<PolicyFile['stakeholders']>, defaults: Stakeholders): Stakeholders {
  const audiences = Object.fromEntries(
    AUDIENCES.map((name) => {
      const own = file.audiences?.[name];
      const channel = own?.channel ?? file.channel;
      const audience: AudiencePolicy = {
        ...(channel ? { channel } : {}),
        approval: own?.approval ?? defaults.audiences[name].approval,
        timeZone: own?.timeZone ?? file.timeZone ?? defaults.audiences[name].timeZone,
      };
      return [name, audience];
    }),
  ) as Record<Audience, AudiencePolicy>;
  const cadence = defaults.cadence;
  return {
    audiences,
    cadence: {
      ...cadence,
      everyMs: { ...cadence.everyMs, ...file.updateEvery },
      firstWithinMs: { ...cadence.firstWithinMs, ...file.firstUpdateWithin },
      ...(file.hourlyAfter !== undefined ? { hourlyAfterMs: file.hourlyAfter } : {}),
      ...(file.remindBefore !== undefined ? { remindBeforeMs: file.remindBefore } : {}),
    },
    ...(file.templates ? { templatesFolder: file.templates } : {}),
  };
}
