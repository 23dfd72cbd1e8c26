import { formatDuration } from '../domain/duration.js';
import { ROLE_TITLES } from '../domain/roles.js';
import { PERMISSION_WORDS } from './requirePermission.js';
import { AUDIENCE_WORDS } from '../domain/stakeholderUpdates.js';
import { PAGER_WORDS } from '../domain/pagers.js';
import { describeModelEvent } from './operatorActions/describeModelEvents.js';
import { isLegacy, type StructuredEvent, type TimelineEvent } from './timeline.js';

/**
 * One piece of a sentence about an event, for a surface to render in its own syntax (Slack
 * markup, Markdown, HTML, plain text):
 * - `text`: our own words;
 * - `user`, `usergroup`: a person or a group, by the id the chat surface gave them;
 * - `author`: a person's id or a bot's (the author of a kept message);
 * - `quote`: outside text (an alert's title) that must never become markup anywhere;
 * - `said`: what a person typed (a note, a reason, a kept message), as the surface sent it, so
 *   the surface it came from may keep its mentions working;
 * - `legacy`: the one-line summary of an event recorded before the timeline was structured, in
 *   the Slack markup of the day; only a Slack renderer can show it as more than words.
 */
export type EventPart =
  | { type: 'text'; text: string }
  | { type: 'user'; id: string }
  | { type: 'usergroup'; id: string }
  | { type: 'author'; id: string }
  | { type: 'quote'; text: string }
  | { type: 'said'; text: string }
  | { type: 'legacy'; text: string };

const text = (value: string): EventPart => ({ type: 'text', text: value });
const user = (id: string): EventPart => ({ type: 'user', id });
const quote = (value: string): EventPart => ({ type: 'quote', text: value });
const said = (value: string): EventPart => ({ type: 'said', text: value });

/** `a, b, c` of parts. */
function joined(parts: EventPart[], separator = ', '): EventPart[] {
  return parts.flatMap((part, index) => (index === 0 ? [part] : [text(separator), part]));
}

/** ": reason" when there is one. */
const reasonOf = (reason: string | null): EventPart[] => (reason ? [text(': '), said(reason)] : []);

/** A kept message is quoted up to this many characters; the whole text stays in the event. */
const CAPTURED_QUOTE_CHARS = 200;

/** One event as a sentence in parts, the same words on every surface. */
export function describeEvent(event: TimelineEvent): EventPart[] {
  if (isLegacy(event.data)) return [{ type: 'legacy', text: event.data.legacyText }];
  return describeStructured(event as StructuredEvent);
}

function describeStructured(event: TimelineEvent): EventPart[] {
  const e = event as StructuredEvent;
  switch (e.kind) {
    case 'incident.declared':
      return [text(`Incident ${e.incidentId} declared: `), quote(e.data.title)];
    case 'incident.classified':
      return [text(`Classified ${e.data.severity} ${e.data.category}`)];
    case 'alert.attached':
      return [text(e.data.refired ? 'Alert fired again: ' : 'Alert attached: '), quote(e.data.title)];
    case 'alert.resolved':
      return [text('Signal cleared: '), quote(e.data.title)];
    case 'oncall.invited':
      return [text('Invited '), ...joined(e.data.users.map(user)), text(`, primary on call for ${e.data.rotation}`)];
    case 'checklist.checked':
      return [text(`Done: ${e.data.text}`)];
    case 'checklist.unchecked':
      return [text(`Reopened: ${e.data.text}`)];
    case 'page.sent': {
      const paged = [
        ...e.data.users.map(user),
        ...e.data.usergroups.map((id): EventPart => ({ type: 'usergroup', id })),
        ...(e.data.pagers ?? []).map((pager) => text(`through ${PAGER_WORDS[pager]}`)),
      ];
      // A pager's own name says whom it meant; people's pages say which rotation or group.
      const target = (e.data.pagers ?? []).length > 0 && paged.length === e.data.pagers!.length ? [] : [text(` (${e.data.target})`)];
      return [text(`${e.data.step}: paged `), ...joined(paged), ...target];
    }
    case 'pager.notified':
      return [text(`${PAGER_WORDS[e.data.pager]} told the incident was ${e.data.action === 'acknowledge' ? 'acknowledged' : 'resolved'}`)];
    case 'pager.failed':
      return [text(`${PAGER_WORDS[e.data.pager]} refused the ${e.data.action}: `), quote(e.data.error)];
    case 'page.nobody':
      return [text(`${e.data.step}: nobody to page (${e.data.target} has no members)`)];
    case 'escalation.planned':
      if (e.data.severity) return [text(`Escalation re-planned for ${e.data.severity}: ${e.data.steps.map((s) => s.label).join(', ') || 'no steps left'}`)];
      return [text(`Escalation planned: ${e.data.steps.map((s) => `${s.label} at +${formatDuration(s.afterMs)}`).join(', ')}`)];
    case 'escalation.cancelled':
      return [text(`Cancelled ${e.data.labels.join(', ')} (${e.data.because})`)];
    case 'escalation.manual':
      return [user(e.actor), text(` escalated: ${e.data.step} (${e.data.target})`)];
    case 'reminder.sent':
      return [text(`Unacknowledged for ${e.data.elapsed}`)];
    case 'incident.acknowledged':
      return [text('Acknowledged by '), user(e.actor)];
    case 'severity.changed':
      return [text(`Severity ${e.data.from} → ${e.data.to}`), ...reasonOf(e.data.reason)];
    case 'category.changed': {
      const { from, to, rotation, routesTo } = e.data;
      return [text(`Category ${from} → ${to}${routesTo !== rotation ? `; paging stays with ${rotation} (${to} routes to ${routesTo})` : ''}`)];
    }
    case 'status.changed':
      return [text(`Status ${e.data.from} → ${e.data.to}`), ...reasonOf(e.data.reason)];
    case 'role.assigned': {
      const { role, userId, previous, by } = e.data;
      return [
        text(`${ROLE_TITLES[role]}: `),
        user(userId),
        text(' ('),
        ...(by === userId ? [text('took the role')] : [text('set by '), user(by)]),
        ...(previous ? [text(', replacing '), user(previous)] : []),
        text(')'),
      ];
    }
    case 'note.added':
      return [text('Note: '), said(e.data.text)];
    case 'message.captured': {
      const kept = e.data.text.length > CAPTURED_QUOTE_CHARS ? `${e.data.text.slice(0, CAPTURED_QUOTE_CHARS)}…` : e.data.text;
      return [text('Message from '), { type: 'author', id: e.data.author }, text(` kept (${e.data.via}): `), said(kept)];
    }
    case 'runbook.posted':
      return [text(`Runbook posted: ${e.data.title} (${e.data.steps} steps)`)];
    case 'incident.resolved':
      return [text('Resolved by '), user(e.actor), text(': '), said(e.data.summary)];
    case 'incident.reopened':
      return [text('Reopened by '), user(e.actor), ...reasonOf(e.data.reason)];
    case 'permission.refused':
      return [user(e.actor), text(` was refused: may not ${PERMISSION_WORDS[e.data.permission]}`)];
    case 'update.posted':
      return [
        text(`${AUDIENCE_WORDS[e.data.audience]} update posted (${e.data.state}, ${e.data.impact} impact) by `),
        user(e.data.author),
        ...(e.data.approver ? [text(', approved by '), user(e.data.approver)] : []),
      ];
    case 'update.approval_requested':
      return [text(`${AUDIENCE_WORDS[e.data.audience]} update drafted by `), user(e.data.author), text(', awaiting approval')];
    case 'update.reminded':
      return [text(e.data.reminder === 'prompt' ? `Stakeholder update prompted: ${e.data.reason ?? 'a change'}` : `Stakeholder update ${e.data.reminder === 'overdue' ? 'overdue' : 'due soon'}`)];
    case 'impact.started':
      return e.data.via === 'correction'
        ? [text(`Impact start corrected to ${e.data.at.slice(0, 16).replace('T', ' ')} UTC by `), user(e.actor), ...reasonOf(e.data.reason)]
        : [text(`Impact started ${e.data.at.slice(0, 16).replace('T', ' ')} UTC (earliest alert)`)];
    case 'incident.detected':
      return [text(`Detected ${e.data.via === 'alert' ? 'by an alert' : 'when declared'}`)];
    case 'action.added':
      return [text('Action item: '), said(e.data.text), ...(e.data.owner ? [text(' (owner '), user(e.data.owner), text(')')] : []), ...(e.data.dueAt ? [text(`, due ${e.data.dueAt.slice(0, 10)}`)] : [])];
    case 'action.done':
      return [text('Action item done: '), said(e.data.text)];
    case 'action.reopened':
      return [text('Action item reopened: '), said(e.data.text)];
    case 'review.compiled':
      return [text(`Post-incident review v${e.data.version} compiled by `), user(e.actor)];
    case 'review.completed':
      return [text('Post-incident review marked complete by '), user(e.actor)];
    case 'review.reminded':
      return [text(`Post-incident review ${e.data.reminder === 'overdue' ? 'overdue' : 'due soon'} (due ${e.data.dueAt.slice(0, 10)})`)];
    case 'event.starred':
      return [user(e.actor), text(e.data.starred ? ' starred an event for the review' : ' unstarred an event')];
    case 'update.snoozed':
      return [text('Update reminders snoozed by '), user(e.actor), text(` until ${e.data.until.slice(11, 16)} UTC`)];
    case 'deployment.recorded':
    case 'operator_action.requested':
    case 'operator_action.attempted':
    case 'operator_action.answered':
    case 'operator_action.recovery_confirmed':
      return describeModelEvent(e);
  }
}
