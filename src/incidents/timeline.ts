import { asc, eq, sql } from 'drizzle-orm';
import { preparedOnce } from '../db/prepared.js';
import type { Executor } from '../db/executor.js';
import { timelineEvents, type EventSource } from '../db/schema/index.js';
import type { Permission } from '../config/policy.js';
import { VIGIL_ACTOR, isPersonActor } from '../domain/actors.js';
import type { PlannedStep, StepStopsWhen } from '../domain/escalationPlan.js';
import type { IncidentState } from '../domain/lifecycle.js';
import type { PagerAction, PagerName } from '../domain/pagers.js';
import type { IncidentRole } from '../domain/roles.js';
import type { Category, HarmLevel, MetricReading, Severity, SignalKind } from '../domain/types.js';
import type { Audience, ImpactLevel, UpdateMoment, UpdateState } from '../domain/stakeholderUpdates.js';
import type { OperatorActionKind } from '../domain/operatorActions.js';

// The timeline is data: each event is its kind plus the facts of it (who acted, whom it was
// about, from and to, which alert, message or step). Nothing here is text for one surface;
// `describeEvent.ts` says an event in surface-neutral parts and each surface renders those
// (`src/slack/blocks/timelineText.ts` for Slack). People and user groups are the ids the chat
// surface gave us; text a person typed is kept as they typed it.

/** A planned escalation step, as `escalation.planned` records it. */
export interface PlannedStepRecord {
  key: string;
  label: string;
  dueAt: string;
  /** How long after the incident was declared the step is due. */
  afterMs: number;
  until?: StepStopsWhen;
}

export const plannedStepRecord = (step: PlannedStep, declaredAt: Date): PlannedStepRecord => ({
  key: step.key,
  label: step.label,
  dueAt: step.dueAt.toISOString(),
  afterMs: step.dueAt.getTime() - declaredAt.getTime(),
  until: step.until,
});

/** What each kind of event records. The review and metrics read these names, so keep them stable. */
export interface TimelineDataByKind {
  'incident.declared': { title: string; private: boolean };
  'incident.classified': { severity: Severity; category: Category; reasons: string[] };
  /** `refired`: an alert that had cleared fired again. */
  'alert.attached': { alertId: number; dedupKey: string; title: string; refired?: boolean; signal?: SignalKind; metric?: MetricReading | null };
  'alert.resolved': { alertId: number; dedupKey: string; title: string; endedAt: string };
  'oncall.invited': { users: string[]; rotation: string };
  'checklist.checked': { itemId: string; list: string; text: string };
  'checklist.unchecked': { itemId: string; list: string; text: string };
  /** `target` says whom the step meant ("primary on call for ml"); `reason` why it fired. */
  'page.sent': { step: string; users: string[]; usergroups: string[]; pagers?: PagerName[]; target: string; reason: string };
  /** A pager outside Slack that paged for the incident was told it was acknowledged or resolved. */
  'pager.notified': { pager: PagerName; action: 'acknowledge' | 'resolve' };
  /** A pager outside Slack refused an event for good (its answer, or the pager gone from the policy). */
  'pager.failed': { pager: PagerName; action: PagerAction; error: string };
  'page.nobody': { step: string; target: string };
  /** `severity` is set when a severity change re-planned the remaining steps. */
  'escalation.planned': { steps: PlannedStepRecord[]; severity?: Severity };
  'escalation.cancelled': { steps: string[]; labels: string[]; because: 'acknowledged' | 'resolved' };
  'escalation.manual': { step: string; target: string };
  'reminder.sent': { elapsed: string };
  'incident.acknowledged': { via: string; sinceDeclaredMs: number };
  'severity.changed': { from: Severity; to: Severity; reason: string | null };
  'category.changed': { from: Category; to: Category; rotation: string; routesTo: string };
  'status.changed': { from: IncidentState; to: IncidentState; reason: string | null };
  'role.assigned': { role: IncidentRole; userId: string; previous: string | null; by: string };
  'note.added': { text: string };
  /** `text` as the chat surface sent it; `author` a person's id or a bot's. */
  'message.captured': { ts: string; channelId: string; author: string; text: string; via: 'shortcut' | 'pin' | 'reaction' };
  'runbook.posted': { runbook: string; title: string; steps: number };
  'incident.resolved': {
    summary: string;
    rootCause: string | null;
    modelRolledBack: boolean;
    customerImpactEndedAt: string | null;
    harmLevel?: HarmLevel | null;
    contributingFactors?: string[];
    from: string;
    sinceDeclaredMs: number;
  };
  'incident.reopened': {
    reason: string | null;
    previousResolvedAt: string | null;
    previousResolvedBy: string | null;
    previousResolution: unknown;
  };
  'permission.refused': { permission: Permission };
  /** A stakeholder update was sent (`approver` when its audience needed approval); `text` as posted in Slack. */
  'update.posted': {
    updateId: number;
    audience: Audience;
    moment: UpdateMoment;
    state: UpdateState;
    impact: ImpactLevel;
    author: string;
    approver: string | null;
    channel: string | null;
    nextUpdateAt: string | null;
    text: string;
  };
  'update.approval_requested': { updateId: number; audience: Audience; author: string };
  /** The comms lead was told an update is near, due, or prompted by a change (`reason`). */
  'update.reminded': { reminder: 'due_soon' | 'overdue' | 'prompt'; dueAt: string | null; reason: string | null };
  'update.snoozed': { until: string };
  /** When users started to be affected: the earliest alert's startedAt, or a person's correction of it. */
  'impact.started': { at: string; previous: string | null; reason: string | null; via: 'alerts' | 'correction' };
  /** When we knew: the first alert's arrival, or the declaration of a person's incident. */
  'incident.detected': { at: string; via: 'alert' | 'declaration' };
  /** Follow-up work from the incident (see action_items). `dueAt` ISO or null. */
  'action.added': { itemId: number; text: string; owner: string | null; dueAt: string | null };
  'action.done': { itemId: number; text: string };
  'action.reopened': { itemId: number; text: string };
  /** A version of the post-incident review was compiled (and is being uploaded). */
  'review.compiled': { reviewId: number; version: number; changes: string[] };
  'review.completed': Record<string, never>;
  /** The commander was told the review is due soon, or overdue. */
  'review.reminded': { reminder: 'due_soon' | 'overdue'; dueAt: string };
  /** Starred (or unstarred) for the review. */
  'event.starred': { eventId: number; starred: boolean };
  /** A deployment of the incident's model arrived while it was open (`deployedAt` ISO). */
  'deployment.recorded': { deploymentId: number; model: string; version: string; environment: string; deployedAt: string; by: string; artifact: string | null };
  /** A rollback or kill switch was confirmed: what will be sent, where, and its Idempotency-Key. */
  'operator_action.requested': {
    actionId: number;
    action: OperatorActionKind;
    model: string;
    environment: string;
    from: string | null;
    to: string | null;
    via: 'button' | 'command';
    url: string;
    idempotencyKey: string;
    /** The JSON body, exactly as every attempt sends it. */
    body: string;
  };
  /** One attempt that did not end the action: the hook's status and answer, or why there was none; it is retried. */
  'operator_action.attempted': { actionId: number; action: OperatorActionKind; attempt: number; status: number | null; answer: string | null; error: string | null };
  /** The hook accepted (2xx), refused (4xx), or never answered well after every retry. */
  'operator_action.answered': {
    actionId: number;
    action: OperatorActionKind;
    outcome: 'accepted' | 'refused' | 'failed';
    model: string;
    environment: string;
    from: string | null;
    to: string | null;
    status: number | null;
    answer: string | null;
    error: string | null;
    attempts: number;
  };
  /** Someone confirmed the model recovered after an accepted rollback. */
  'operator_action.recovery_confirmed': { actionId: number; action: OperatorActionKind; version: string | null };
}

export type TimelineKind = keyof TimelineDataByKind;
export type TimelineData<K extends TimelineKind = TimelineKind> = TimelineDataByKind[K];

/**
 * An event written before the timeline was structured, whose facts could not all be recovered:
 * its old one-line summary (in the Slack markup of the day), shown as it was.
 */
export interface LegacyTimelineData {
  legacyText: string;
}

interface EventOf<K extends TimelineKind> {
  id: number;
  incidentId: number;
  at: Date;
  kind: K;
  /** A user id, a source name, or 'vigil' for the bot's own steps. */
  actor: string;
  source: EventSource;
  starred: boolean;
  data: TimelineData<K> | LegacyTimelineData;
}

/** One timeline event, its data typed by its kind. */
export type TimelineEvent = { [K in TimelineKind]: EventOf<K> }[TimelineKind];

/** An event whose data is its kind's facts (not a legacy summary). */
export type StructuredEvent = { [K in TimelineKind]: Omit<EventOf<K>, 'data'> & { data: TimelineData<K> } }[TimelineKind];

export const isLegacy = (data: object): data is LegacyTimelineData => 'legacyText' in data;

/** What a use case appends: the kind, who did it, and that kind's facts. */
export type TimelineEntry = { [K in TimelineKind]: { kind: K; actor: string; data: TimelineData<K> } }[TimelineKind];

/**
 * Where an event came from, from its actor unless the caller says: a person's Slack id is Slack,
 * Vigil's own steps are its timers, anything else is the name of the alert source that sent it.
 */
export function eventSourceOf(actor: string): EventSource {
  if (isPersonActor(actor)) return 'slack';
  return actor === VIGIL_ACTOR ? 'timer' : 'alert';
}

/** Append one event, in the caller's transaction: the record and the change commit together. */
export function appendTimeline(tx: Executor, incidentId: number, at: Date, entry: TimelineEntry & { source?: EventSource }): void {
  const insert = preparedOnce(tx, 'timeline.append', (db) =>
    db
      .insert(timelineEvents)
      .values({
        incidentId: sql.placeholder('incidentId'),
        at: sql.placeholder('at'),
        kind: sql.placeholder('kind'),
        actor: sql.placeholder('actor'),
        data: sql.placeholder('data'),
        source: sql.placeholder('source'),
      })
      .prepare(),
  );
  insert.run({ incidentId, at, kind: entry.kind, actor: entry.actor, data: entry.data, source: entry.source ?? eventSourceOf(entry.actor) });
}

/**
 * A stored row as an event. The row's kind and data were written together by appendTimeline
 * (or by the migration that structured older rows), so the data is that kind's.
 */
export const asTimelineEvent = (row: { id: number; incidentId: number; at: Date; kind: string; actor: string; data: unknown; source?: EventSource; starred?: boolean }): TimelineEvent =>
  ({ ...row, source: row.source ?? eventSourceOf(row.actor), starred: row.starred ?? false }) as TimelineEvent;

export function readTimeline(db: Executor, incidentId: number): TimelineEvent[] {
  return db
    .select()
    .from(timelineEvents)
    .where(eq(timelineEvents.incidentId, incidentId))
    .orderBy(asc(timelineEvents.at), asc(timelineEvents.id))
    .all()
    .map(asTimelineEvent);
}

/** The people a `page.sent` event paged. */
export function pagedUsersOf(event: { data: unknown }): string[] {
  const data = event.data as Partial<TimelineData<'page.sent'>>;
  return Array.isArray(data.users) ? data.users.map(String) : [];
}
