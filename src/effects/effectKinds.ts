import type { PagerName } from '../domain/pagers.js';

// What Slack must see, as intents. Payloads carry ids, not rendered text: the delivery worker
// renders from the incident's state at delivery time, so a late effect never shows stale facts.

export type NoticeKind =
  | 'signal_cleared'
  | 'alert_attached'
  | 'acknowledged'
  | 'page_sent'
  | 'unacknowledged_reminder'
  | 'severity_changed'
  | 'category_changed'
  | 'role_assigned'
  | 'status_changed'
  | 'resolved'
  | 'reopened'
  | 'note_added'
  | 'nobody_to_page'
  | 'action_added'
  | 'pager_failed';

export interface EffectPayloads {
  'channel.create': Record<string, never>;
  'channel.topic': Record<string, never>;
  'channel.invite': { users: string[] };
  'summary.post': Record<string, never>;
  'summary.refresh': Record<string, never>;
  'checklist.post': { list: string };
  'checklist.refresh': { list: string };
  'channel.notice': { notice: NoticeKind; data: Record<string, unknown> };
  /**
   * The incident's alert digest: one message, edited in place, counting the alerts that joined,
   * with what is new since its last edit in its thread. Queued for every routine joining alert;
   * a storm of them is one pending effect (see COALESCED_KINDS).
   */
  'alerts.digest': Record<string, never>;
  'announce.post': { channel: string };
  /** `dueAt`: when the step was due (page delay is measured from it); absent in rows queued before it was kept. */
  'page.dm': { userId: string; stepLabel: string; reason: string; dueAt?: string };
  /** Re-render every page DM of the incident (acknowledged: the button goes, who took it shows). */
  'pages.refresh': Record<string, never>;
  'page.usergroup': { usergroup: string; stepLabel: string; reason: string; dueAt?: string };
  'home.publish': { userId: string };
  /** Tell the person who declared an incident where it lives (after its channel exists). */
  'declare.confirm': { userId: string; origin: string };
  /** Read a 📌-reacted message back from Slack and keep it on the timeline (see requestCapture). */
  'message.capture': { channelId: string; ts: string; capturedBy: string; requestedAt: string };
  /**
   * Post a stakeholder update's text, as previewed and stored, in its audience's channel, or in
   * the incident channel when `channel` is null: one effect per place, so each is posted exactly once.
   */
  'update.post': { updateId: number; channel: string | null };
  /** Show a drafted update in the incident channel with Approve and Edit buttons; `channel` is where approval sends it. */
  'update.approval': { updateId: number; channel: string | null };
  /** Re-render that approval message from the update's state (approved and posted, or edited). */
  'update.approval_refresh': { updateId: number; channel: string | null };
  /** Upload a compiled review version to the incident channel as a Markdown file. */
  'review.upload': { reviewId: number };
  /** Tell the commander (else whoever resolved it) the review is due soon or overdue. */
  'review.reminder': { reminder: 'due_soon' | 'overdue'; dueAt: string };
  /** Tell the comms lead (else the commander) an update is near, due, or prompted by a change. */
  'update.reminder': { reminder: 'due_soon' | 'overdue' | 'prompt'; dueAt: string | null; reason: string | null };
  /** The incident's action items as one message in its channel, with Done buttons: posted once, then edited in place. */
  'actions.list': Record<string, never>;
  /** Remind an action item's owner by DM (no owner: the incident channel) that it is due or overdue. */
  'action.reminder': { itemId: number };
  /** Re-render the item's latest reminder (done: the button goes, who did it shows). */
  'action.reminder_refresh': { itemId: number };
  /** Upload the chart of a drift monitor's breaching check to the incident channel (model and feature for its title). */
  'monitor.chart': { checkId: number; model: string; feature: string };
  /** Say in the incident channel that its model was deployed (version, environment, who, artifact). */
  'deployment.notice': { deploymentId: number };
  /**
   * Not Slack: one signed POST of a confirmed rollback or kill switch to the operator's hook, in a
   * lane of its own; a 5xx or no answer is retried with the same body and Idempotency-Key.
   */
  'operator_action.send': { actionId: number };
  /** Say in the incident channel that a rollback or kill switch was confirmed and sent, or how the hook answered. */
  'operator_action.notice': { actionId: number; moment: 'requested' | 'answered' };
  /**
   * Page through a pager outside Slack (PagerDuty, the webhook pager) for an escalation step;
   * `dueAt` is when the step was due (page delay is measured from it). Each pager has a lane per
   * incident (pagerLane), so a trigger always goes before its acknowledge and resolve, and a pager
   * that is down holds back neither Slack nor another pager.
   */
  'pager.trigger': { pager: PagerName; stepLabel: string; reason: string; dueAt: string };
  /** Tell a pager that paged that the incident was acknowledged (who and when: read at delivery). */
  'pager.acknowledge': { pager: PagerName };
  /** Tell a pager that paged that the incident was resolved. */
  'pager.resolve': { pager: PagerName };
}

export type EffectKind = keyof EffectPayloads;

/** Every kind, as a value: to tell a kind this version knows from one an old row may hold. */
export const EFFECT_KINDS = [
  'channel.create',
  'channel.topic',
  'channel.invite',
  'summary.post',
  'summary.refresh',
  'checklist.post',
  'checklist.refresh',
  'channel.notice',
  'alerts.digest',
  'announce.post',
  'page.dm',
  'pages.refresh',
  'page.usergroup',
  'home.publish',
  'declare.confirm',
  'message.capture',
  'update.post',
  'update.approval',
  'update.approval_refresh',
  'update.reminder',
  'actions.list',
  'action.reminder',
  'action.reminder_refresh',
  'monitor.chart',
  'review.upload',
  'review.reminder',
  'deployment.notice',
  'operator_action.send',
  'operator_action.notice',
  'pager.trigger',
  'pager.acknowledge',
  'pager.resolve',
] as const satisfies readonly EffectKind[];

// A kind added to EffectPayloads but not to the list above fails to compile here.
const everyKindListed: Record<Exclude<EffectKind, (typeof EFFECT_KINDS)[number]>, never> = {};
void everyKindListed;

const KNOWN_KINDS: ReadonlySet<string> = new Set(EFFECT_KINDS);
export const isEffectKind = (kind: string): kind is EffectKind => KNOWN_KINDS.has(kind);

export interface EffectIntent<K extends EffectKind = EffectKind> {
  kind: K;
  payload: EffectPayloads[K];
}
