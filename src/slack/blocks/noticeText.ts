import type { NoticeKind } from '../../effects/effectKinds.js';
import type { IncidentView } from '../../incidents/readModel.js';
import { escapeMrkdwn, truncate } from '../format/mrkdwn.js';
import { escapeKeepingMentions } from '../format/slackText.js';
import { isIncidentRole, ROLE_TITLES } from '../../domain/roles.js';
import { dueDayText } from '../../domain/dueDate.js';
import { mention, slackTime } from './format.js';
import { BUDGETS, FULL_TEXT, clip, fitMessageText } from './limits.js';
import { resolutionMrkdwn, resolutionShown } from './resolutionText.js';

type Data = Record<string, unknown>;
const str = (value: unknown): string => clip(String(value ?? ''), BUDGETS.inline);
const users = (value: unknown): string => (Array.isArray(value) ? value.map((u) => mention(String(u))).join(', ') : '');
const ids = (value: unknown): number[] => (Array.isArray(value) ? value.map(Number) : []);
/** A person's own words (a note, a reason): their @mentions work, nothing else is markup. */
const words = (value: unknown, max = 2900): string => escapeKeepingMentions(truncate(String(value ?? ''), max));
/** An alert's title, as a sender wrote it: escaped, and cut (the timeline quotes it whole). */
const alertTitle = (title: string): string => `_${clip(title, BUDGETS.inline)}_`;
const reason = (value: unknown): string => (value ? `: ${words(value, 500)}` : '');
const roleTitle = (value: unknown): string => {
  const role = String(value ?? '');
  return isIncidentRole(role) ? ROLE_TITLES[role] : escapeMrkdwn(role);
};

/** One line in the incident channel for each thing worth saying; rendered at delivery time. */
const NOTICES: Record<NoticeKind, (view: IncidentView, data: Data) => string> = {
  signal_cleared: (view, data) => {
    const cleared = view.alerts.filter((a) => ids(data['alertIds']).includes(a.id));
    const firing = view.alerts.filter((a) => a.status === 'firing').length;
    const names = cleared.map((a) => alertTitle(a.title)).join(', ');
    const rest = firing === 0
      ? 'All signals have cleared. The incident stays open until someone resolves it: confirm recovery, then `/incident resolve`.'
      : `${firing} alert${firing === 1 ? ' is' : 's are'} still firing.`;
    return `:large_green_circle: Signal cleared: ${names}. ${rest}`;
  },
  alert_attached: (view, data) => {
    const alert = view.alerts.find((a) => a.id === Number(data['alertId']));
    const again = data['refired'] ? 'fired again' : 'joined this incident';
    return `:heavy_plus_sign: Alert ${again}: ${alert ? alertTitle(alert.title) : '_unknown_'}`;
  },
  acknowledged: (view) =>
    `:eyes: ${mention(view.incident.acknowledgedBy)} acknowledged ${view.incident.acknowledgedAt ? slackTime(view.incident.acknowledgedAt) : ''}. Unacknowledged escalation steps are cancelled.`,
  page_sent: (_view, data) => {
    const waited = data['unacknowledgedFor'] ? ` Unacknowledged for ${str(data['unacknowledgedFor'])}.` : '';
    const pagers = Array.isArray(data['pagers']) ? data['pagers'].map((p) => `through ${p === 'pagerduty' ? 'PagerDuty' : 'the webhook pager'}`) : [];
    const who = [users(data['users']), ...(Array.isArray(data['usergroups']) ? data['usergroups'].map((g) => `<!subteam^${str(g)}>`) : []), ...pagers]
      .filter(Boolean)
      .join(', ');
    const why = data['reason'] === 'manual' ? ` (escalated by ${mention(String(data['requestedBy'] ?? ''))})` : '';
    return `:pager: ${str(data['step'])}: paged ${who}${why}.${waited}`;
  },
  unacknowledged_reminder: (_view, data) => `:hourglass: Still unacknowledged after ${str(data['elapsed'])}. Next: ${str(data['next'] ?? 'no further steps')}.`,
  severity_changed: (view, data) =>
    `:warning: Severity ${str(data['from'])} → *${escapeMrkdwn(view.incident.severity)}* by ${mention(String(data['by'] ?? ''))}${reason(data['reason'])}.`,
  category_changed: (view, data) => {
    const to = str(data['to'] ?? view.incident.category);
    const rotation = data['rotation'] && data['routesTo'] && data['rotation'] !== data['routesTo']
      ? ` Paging stays with *${str(data['rotation'])}*; \`/incident escalate ${str(data['routesTo'])}\` brings in the *${str(data['routesTo'])}* rotation too.`
      : '';
    return `:label: Category ${str(data['from'])} → *${to}* by ${mention(String(data['by'] ?? ''))}.${rotation}`;
  },
  role_assigned: (_view, data) => {
    const who = mention(String(data['userId'] ?? ''));
    const by = String(data['by'] ?? '');
    const how = by && by !== data['userId'] ? ` (set by ${mention(by)})` : '';
    const replaced = data['previous'] ? `, taking over from ${mention(String(data['previous']))}` : '';
    return `:bust_in_silhouette: ${who} is now *${roleTitle(data['role'])}*${how}${replaced}.`;
  },
  status_changed: (view, data) => {
    const ack = data['acknowledged'] ? ' This counts as the acknowledgement: paging for acknowledgement has stopped.' : '';
    return `:arrows_clockwise: Status ${str(data['from'])} → *${str(data['to'] ?? view.incident.status)}* by ${mention(String(data['by'] ?? ''))}${reason(data['reason'])}.${ack}`;
  },
  resolved: (view, data) => {
    // Notices queued before the resolution's words travelled with them read the stored one.
    const resolution = resolutionShown('summary' in data ? data : view.incident.resolution);
    const said = resolution ? `\n${resolutionMrkdwn(resolution)}` : '';
    return `:white_check_mark: Resolved by ${mention(view.incident.resolvedBy)}${view.incident.resolvedAt ? ` ${slackTime(view.incident.resolvedAt)}` : ''}. Escalation has stopped.${said}`;
  },
  reopened: (_view, data) =>
    `:arrows_counterclockwise: Reopened by ${mention(String(data['by'] ?? ''))}${reason(data['reason'])}. Back to investigating; paging is not restarted (\`/incident escalate\` brings someone in).`,
  note_added: (_view, data) => `:memo: Note from ${mention(String(data['by'] ?? ''))}: ${words(data['text'])}`,
  pager_failed: (_view, data) => {
    const pager = data['pager'] === 'pagerduty' ? 'PagerDuty' : 'The webhook pager';
    const what = data['action'] === 'trigger' ? 'the page' : `the ${str(data['action'])}`;
    return `:rotating_light: ${pager} refused ${what}, and it will not be retried: ${escapeMrkdwn(truncate(String(data['error'] ?? ''), 500))}. Nobody was paged that way; check \`pagers:\` in the policy file and page someone here.`;
  },
  nobody_to_page: (_view, data) =>
    `:warning: ${str(data['step'])}: nobody to page (${str(data['target'])} has no members). Check \`rotations:\` in the policy file.`,
  action_added: (_view, data) => {
    const owner = data['owner'] ? ` · owner ${mention(String(data['owner']))}` : ' · no owner yet';
    const due = typeof data['dueAt'] === 'string' ? ` · due ${dueDayText(new Date(data['dueAt']))}` : '';
    return `:clipboard: ${mention(String(data['by'] ?? ''))} added an action item: ${words(data['text'], 500)}${owner}${due}. The list of this incident's items is updated.`;
  },
};

/** A notice, never longer than a readable message (a storm clearing 500 alerts at once names the first ones). */
export function noticeText(notice: NoticeKind, view: IncidentView, data: Data): string {
  return fitMessageText(NOTICES[notice](view, data), FULL_TEXT.timeline);
}
