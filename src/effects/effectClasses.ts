import { isEffectKind, type EffectKind } from './effectKinds.js';

/**
 * How urgent an effect is. `core` carries what people act on: the channel, the summary and
 * checklists, pages and their acknowledgement. `chatter` is what they read: notices, the alert
 * digest, Home tabs. Each incident has one lane of each, so a backlog of chatter never stands in
 * front of a page, and core lanes are served first.
 */
export type EffectClass = 'core' | 'chatter';

export const EFFECT_CLASS: Record<EffectKind, EffectClass> = {
  'channel.create': 'core',
  'channel.topic': 'core',
  'channel.invite': 'core',
  'summary.post': 'core',
  'summary.refresh': 'core',
  'checklist.post': 'core',
  'checklist.refresh': 'core',
  'announce.post': 'core',
  'page.dm': 'core',
  'page.usergroup': 'core',
  'pages.refresh': 'core',
  'declare.confirm': 'core',
  'channel.notice': 'chatter',
  'alerts.digest': 'chatter',
  'home.publish': 'chatter',
  // Reads a 📌'd message back and keeps it on the timeline: low priority, but retried, never dropped.
  'message.capture': 'chatter',
  // What stakeholders are told, and the approval that gates it: people wait on these.
  'update.post': 'core',
  'update.approval': 'core',
  'update.approval_refresh': 'core',
  'update.reminder': 'chatter',
  // Follow-up work: read and ticked at leisure, never ahead of a page.
  'actions.list': 'chatter',
  'action.reminder': 'chatter',
  'action.reminder_refresh': 'chatter',
  // A picture of the drift: read, not acted on.
  'monitor.chart': 'chatter',
  'review.upload': 'chatter',
  'review.reminder': 'chatter',
  'deployment.notice': 'chatter',
  // A rollback people are waiting on: served first, in a lane of its own (see operatorActionLane).
  'operator_action.send': 'core',
  'operator_action.notice': 'chatter',
  // Pages outside Slack: as urgent as a page DM, each pager on a lane of its own (pagerLane).
  'pager.trigger': 'core',
  'pager.acknowledge': 'core',
  'pager.resolve': 'core',
};

/** The class of a stored kind; one this version does not know is core, so it is tried (and given up) at once. */
export const effectClassOf = (kind: string): EffectClass => (isEffectKind(kind) ? EFFECT_CLASS[kind] : 'core');

/** Lower is served first. */
export const PRIORITY: Record<EffectClass, number> = { core: 0, chatter: 1 };

/**
 * Kinds that render the incident's state as it is at delivery time. A second one queued while
 * an identical one has not started yet would show the same thing, so it is not queued.
 */
export const COALESCED_KINDS: ReadonlySet<EffectKind> = new Set<EffectKind>([
  'channel.topic',
  'summary.refresh',
  'checklist.refresh',
  'pages.refresh',
  'home.publish',
  'alerts.digest',
  'update.approval_refresh',
  'actions.list',
  'action.reminder_refresh',
]);

/**
 * Chatter is said in the incident's channel, after its set-up: while the channel is being made,
 * or the summary and triage checklist posted, an incident's chatter waits, so the summary is the
 * first thing anyone sees there.
 */
export const SETUP_KINDS: readonly EffectKind[] = ['channel.create', 'summary.post', 'checklist.post'];
