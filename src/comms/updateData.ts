// What a stakeholder template can say, gathered once from the incident, its timeline, its roles
// and the updates posted so far. Surface-neutral: raw strings, dates and ids; each surface's
// escaping happens at render (loadTemplates.ts). The timeline is the record, so everything that
// happened is derived from it rather than asked of a person again.

import type { IncidentRow } from '../db/schema/index.js';
import { describeEvent, type EventPart } from '../incidents/describeEvent.js';
import { isLegacy, type StructuredEvent, type TimelineEvent } from '../incidents/timeline.js';
import type { IncidentState } from '../domain/lifecycle.js';
import { INCIDENT_ROLES, ROLE_TITLES, type IncidentRole } from '../domain/roles.js';
import {
  SUGGESTED_IMPACT,
  suggestedUpdateState,
  type Audience,
  type ImpactLevel,
  type UpdateFields,
  type UpdateMoment,
  type UpdateState,
} from '../domain/stakeholderUpdates.js';
import type { Category, MetricReading, Severity, SignalKind } from '../domain/types.js';

/** An update as drafted: what the modal holds before anyone posts it. */
export interface UpdateDraft {
  audience: Audience;
  moment: UpdateMoment;
  state: UpdateState;
  impact: ImpactLevel;
  /** Models and the product features that use them, in the reader's words. */
  components: string[];
  fields: UpdateFields;
  /** When the next update is promised; every update but the resolution states it. */
  nextUpdateAt?: Date;
  /** Who drafted it (a user id); internal audiences only. */
  author?: string;
  /** Resolution: when the review will be shared, if a date was promised. */
  reviewBy?: Date;
}

/** The name the update use cases import it by. */
export type DraftForTemplate = UpdateDraft;

/** An update that went out. */
export interface PostedUpdate extends UpdateDraft {
  postedAt: Date;
}

export interface UpdateDataInput {
  incident: IncidentRow;
  /** The incident's timeline, oldest first (readTimeline's order). */
  timeline: readonly TimelineEvent[];
  /** Who holds each role, by user id. */
  roles: Partial<Record<IncidentRole, string | undefined>>;
  /**
   * The update being drafted. Without one (an incident report), the latest posted update stands
   * in, else what the incident suggests (state from its lifecycle, impact from its severity).
   */
  update?: UpdateDraft;
  /** Updates posted so far (any audience, or only this one's), any order. */
  previous?: readonly PostedUpdate[];
  now: Date;
  /** The reader's IANA zone; times are said in it. */
  timeZone?: string;
}

/** A detector alert as it reached the incident. */
export interface FiredSignal {
  at: Date;
  title: string;
  signal?: SignalKind;
  metric?: MetricReading;
  /** It had cleared and fired again. */
  refired: boolean;
  /** When the detector said it cleared, if it has. */
  clearedAt?: Date;
}

/** One thing done to mitigate: a note, a checklist item done, the incident marked mitigated. */
export interface MitigationStep {
  at: Date;
  kind: 'note' | 'checklist' | 'mitigated';
  text: string;
  /** Who did it (a user id or a source name). */
  by: string;
}

export interface RoleHolder {
  role: IncidentRole;
  /** "Commander", "ML lead". */
  title: string;
  userId: string;
}

/** One timeline event: when, who, and its sentence in parts (render with the eventText helper). */
export interface TimelineLine {
  at: Date;
  actor: string;
  kind: string;
  parts: EventPart[];
}

export interface UpdateTemplateData {
  incident: {
    id: number;
    /** "INC-42". */
    ref: string;
    /** The detector's or declarer's title: internal, never for clients (they read fields.headline). */
    title: string;
    severity: Severity;
    category: Category;
    /** The lifecycle state (triggered … resolved). */
    status: IncidentState;
    isResolved: boolean;
    /** When the problem began: the detector's start, else when Vigil declared it. */
    startedAt: Date;
    declaredAt: Date;
    acknowledgedAt?: Date;
    mitigatedAt?: Date;
    resolvedAt?: Date;
    /** From startedAt to resolution, or to now while open. */
    durationMs: number;
    /** The metric that tripped, as first reported. */
    metric?: MetricReading;
  };
  update: UpdateDraft & { isResolution: boolean };
  /** Models and versions involved ("churn-predictor", "2026-03-01"). */
  models: { name: string; version?: string }[];
  /** What fired and when, oldest first. */
  signals: FiredSignal[];
  firstSignalAt?: Date;
  /** Mitigation so far, oldest first. Internal: notes may name systems. */
  mitigation: MitigationStep[];
  /** Roles held, in INCIDENT_ROLES order. */
  roles: RoleHolder[];
  /** The person to contact: the comms role, else the commander. */
  contact?: string;
  /** Every event, oldest first. */
  timeline: TimelineLine[];
  /** The turning points (declared, acknowledged, severity and status changes, resolved) for executives. */
  milestones: TimelineLine[];
  /** The resolution as recorded when the incident was resolved. */
  resolution?: { summary: string; rootCause?: string; modelRolledBack: boolean };
  /** Updates posted so far to every audience, oldest first. */
  updatesPosted: PostedUpdate[];
  /** Those posted to this update's audience, oldest first: the only ones a client template may show. */
  updatesToAudience: PostedUpdate[];
  /** The latest of those: what this update follows ("since our update at 14:15…"). */
  previousUpdate?: PostedUpdate;
  now: Date;
  timeZone: string;
}

const MILESTONE_KINDS = new Set([
  'incident.declared',
  'incident.acknowledged',
  'severity.changed',
  'status.changed',
  'incident.resolved',
  'incident.reopened',
]);

const structured = (events: readonly TimelineEvent[]): StructuredEvent[] =>
  events.filter((event) => !isLegacy(event.data)) as StructuredEvent[];

function firedSignals(events: readonly StructuredEvent[]): FiredSignal[] {
  const clearedAt = new Map<number, Date>();
  for (const e of events) if (e.kind === 'alert.resolved') clearedAt.set(e.data.alertId, e.at);
  return events.flatMap((e): FiredSignal[] => {
    if (e.kind !== 'alert.attached') return [];
    const cleared = clearedAt.get(e.data.alertId);
    return [
      {
        at: e.at,
        title: oneLine(e.data.title),
        refired: e.data.refired === true,
        ...(e.data.signal ? { signal: e.data.signal } : {}),
        ...(e.data.metric ? { metric: { ...e.data.metric, name: oneLine(e.data.metric.name) } } : {}),
        ...(cleared && cleared >= e.at ? { clearedAt: cleared } : {}),
      },
    ];
  });
}

/** Notes, checklist items still done (an item ticked then unticked did not happen), mitigated. */
function mitigationSteps(events: readonly StructuredEvent[]): MitigationStep[] {
  const checked = new Map<string, MitigationStep>();
  const steps: MitigationStep[] = [];
  for (const e of events) {
    if (e.kind === 'note.added') steps.push({ at: e.at, kind: 'note', text: e.data.text, by: e.actor });
    if (e.kind === 'checklist.checked') {
      const step: MitigationStep = { at: e.at, kind: 'checklist', text: e.data.text, by: e.actor };
      checked.set(`${e.data.list}/${e.data.itemId}`, step);
      steps.push(step);
    }
    if (e.kind === 'checklist.unchecked') {
      const step = checked.get(`${e.data.list}/${e.data.itemId}`);
      if (step) steps.splice(steps.indexOf(step), 1);
      checked.delete(`${e.data.list}/${e.data.itemId}`);
    }
    if (e.kind === 'status.changed' && e.data.to === 'mitigated') {
      steps.push({ at: e.at, kind: 'mitigated', text: e.data.reason ?? 'Marked mitigated', by: e.actor });
    }
  }
  return steps;
}

function lastResolution(events: readonly StructuredEvent[]): UpdateTemplateData['resolution'] {
  const resolved = events.filter((e) => e.kind === 'incident.resolved').at(-1);
  if (!resolved || resolved.kind !== 'incident.resolved') return undefined;
  return {
    summary: resolved.data.summary,
    modelRolledBack: resolved.data.modelRolledBack,
    ...(resolved.data.rootCause ? { rootCause: resolved.data.rootCause } : {}),
  };
}

/** The update a report speaks for when none is being drafted. */
function standInUpdate(incident: IncidentRow, posted: readonly PostedUpdate[], hasRootCause: boolean): UpdateDraft {
  const latest = posted.at(-1);
  if (latest) {
    const { postedAt: _postedAt, ...update } = latest;
    return { ...update, moment: incident.status === 'resolved' ? 'resolution' : 'update', state: suggestedUpdateState(incident.status, hasRootCause) };
  }
  return {
    audience: 'internal',
    moment: incident.status === 'resolved' ? 'resolution' : 'update',
    state: suggestedUpdateState(incident.status, hasRootCause),
    impact: SUGGESTED_IMPACT[incident.severity],
    components: incident.modelName ? [incident.modelName] : [],
    fields: { headline: incident.title, userImpact: '', actions: '' },
  };
}

/**
 * Names and headlines sit in headings, table cells and bold runs, where a line break would end
 * the heading or split the row: they are said on one line. Free text (what users see, what we
 * are doing) keeps its lines.
 */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

function oneLineNames<T extends UpdateDraft>(update: T): T {
  return { ...update, components: update.components.map(oneLine), fields: { ...update.fields, headline: oneLine(update.fields.headline) } };
}

const byTime = <T>(at: (item: T) => Date) => (a: T, b: T): number => at(a).getTime() - at(b).getTime();

/** Everything a template may say about this update, derived once. */
export function buildUpdateData(input: UpdateDataInput): UpdateTemplateData {
  const { incident, now } = input;
  const events = structured(input.timeline);
  const resolution = lastResolution(events);
  const posted = [...(input.previous ?? [])].sort(byTime((u) => u.postedAt)).map(oneLineNames);
  const update = oneLineNames(input.update ?? standInUpdate(incident, posted, Boolean(resolution?.rootCause)));

  const startedAt = incident.startedAt && incident.startedAt < incident.declaredAt ? incident.startedAt : incident.declaredAt;
  const resolvedAt = incident.status === 'resolved' && incident.resolvedAt ? incident.resolvedAt : undefined;
  const roles = INCIDENT_ROLES.flatMap((role): RoleHolder[] => {
    const userId = input.roles[role];
    return userId ? [{ role, title: ROLE_TITLES[role], userId }] : [];
  });
  const timeline = input.timeline.map((event): TimelineLine => ({ at: event.at, actor: event.actor, kind: event.kind, parts: describeEvent(event) }));
  const signals = firedSignals(events);
  const contact = input.roles.comms ?? input.roles.commander;

  const toAudience = posted.filter((u) => u.audience === update.audience);
  const previousUpdate = toAudience.at(-1);

  return {
    incident: {
      id: incident.id,
      ref: `INC-${incident.id}`,
      title: oneLine(incident.title),
      severity: incident.severity,
      category: incident.category,
      status: incident.status,
      isResolved: resolvedAt !== undefined,
      startedAt,
      declaredAt: incident.declaredAt,
      ...(incident.acknowledgedAt ? { acknowledgedAt: incident.acknowledgedAt } : {}),
      ...(incident.mitigatedAt ? { mitigatedAt: incident.mitigatedAt } : {}),
      ...(resolvedAt ? { resolvedAt } : {}),
      durationMs: Math.max(0, (resolvedAt ?? now).getTime() - startedAt.getTime()),
      ...(incident.metric ? { metric: { ...incident.metric, name: oneLine(incident.metric.name) } } : {}),
    },
    update: { ...update, isResolution: update.moment === 'resolution' },
    models: incident.modelName ? [{ name: oneLine(incident.modelName), ...(incident.modelVersion ? { version: oneLine(incident.modelVersion) } : {}) }] : [],
    signals,
    ...(signals[0] ? { firstSignalAt: signals[0].at } : {}),
    mitigation: mitigationSteps(events),
    roles,
    ...(contact ? { contact } : {}),
    timeline,
    milestones: timeline.filter((line) => MILESTONE_KINDS.has(line.kind)),
    ...(resolution ? { resolution } : {}),
    updatesPosted: posted,
    updatesToAudience: toAudience,
    ...(previousUpdate ? { previousUpdate } : {}),
    now,
    timeZone: input.timeZone ?? 'UTC',
  };
}
