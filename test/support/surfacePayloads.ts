// Slack payloads for the surface tests (modals, shortcuts, events), built from the fixture
// shapes in test/fixtures/slack/ and sent signed over HTTP like every other harness request.

import type { EmuView } from '@vigil/slack-emulator';
import { fixture, SIGNING_SECRET, type Harness, type HttpAnswer } from './harness.js';
import { slackSignatureHeaders } from './signing.js';
import { PEOPLE } from './testPolicy.js';
import { asTimelineEvent } from '../../src/incidents/timeline.js';
import { eventMrkdwnWhole } from '../../src/slack/blocks/timelineText.js';

/** One input's state as Slack submits it, keyed by block id (our field name). */
export type FieldState = Record<string, unknown>;

export const text = (value: string | null): FieldState => ({ type: 'plain_text_input', value });
export const select = (value: string | null): FieldState => ({
  type: 'static_select',
  selected_option: value === null ? null : { value, text: { type: 'plain_text', text: value } },
});
export const radio = (value: string | null): FieldState => ({
  type: 'radio_buttons',
  selected_option: value === null ? null : { value, text: { type: 'plain_text', text: value } },
});
export const checks = (...values: string[]): FieldState => ({
  type: 'checkboxes',
  selected_options: values.map((value) => ({ value, text: { type: 'plain_text', text: value } })),
});
export const multi = (...values: string[]): FieldState => ({
  type: 'multi_static_select',
  selected_options: values.map((value) => ({ value, text: { type: 'plain_text', text: value } })),
});
export const dateTime = (at: Date | null): FieldState => ({
  type: 'datetimepicker',
  selected_date_time: at === null ? null : Math.floor(at.getTime() / 1000),
});

/** The modal Vigil opened most recently (views.open). */
export function lastModal(h: Harness): EmuView {
  const opened = h.emulator.views.filter((v) => v.via === 'open');
  const last = opened.at(-1);
  if (!last) throw new Error('no modal was opened');
  return h.emulator.currentView(last.id) ?? last;
}

/** Submit a modal Vigil opened, with these field values, as `user`. */
export async function submitView(h: Harness, view: EmuView, fields: Record<string, FieldState>, opts: { user?: string } = {}): Promise<HttpAnswer> {
  const base = fixture<Record<string, unknown>>('slack/view_submission.json');
  const user = opts.user ?? view.userId ?? PEOPLE.responder;
  const values = Object.fromEntries(Object.entries(fields).map(([blockId, state]) => [blockId, { [blockId]: state }]));
  const payload = {
    ...base,
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T111' },
    trigger_id: h.emulator.newTriggerId(user),
    view: { ...(base['view'] as object), ...view.view, state: { values } },
  };
  return h.slackRequest(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
}

export interface ShortcutMessage {
  channel: string;
  ts: string;
  text: string;
  /** The message's author. */
  author?: string;
}

/** The message shortcut "Add to incident timeline", run by `user` on a message. */
export async function messageShortcut(h: Harness, callbackId: string, message: ShortcutMessage, opts: { user?: string } = {}): Promise<HttpAnswer> {
  const user = opts.user ?? PEOPLE.responder;
  const payload = {
    type: 'message_action',
    token: 'verification_token',
    action_ts: String(Date.now() / 1000),
    team: { id: 'T111', domain: 'workspace-domain' },
    user: { id: user, name: user.toLowerCase() },
    channel: { id: message.channel, name: 'some-channel' },
    callback_id: callbackId,
    trigger_id: h.emulator.newTriggerId(user),
    message_ts: message.ts,
    response_url: h.emulator.responseUrl(),
    message: { type: 'message', user: message.author ?? PEOPLE.mlPrimary, ts: message.ts, text: message.text },
  };
  return h.slackRequest(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
}

/**
 * An Events API delivery wrapping `event`, shaped like the event_message fixture. `retry` sends
 * it as Slack resends an event it thinks was missed: same event_id, with the retry headers.
 */
export async function slackEvent(h: Harness, event: Record<string, unknown>, eventId: string, opts: { retry?: number } = {}): Promise<HttpAnswer> {
  const base = fixture<Record<string, unknown>>('slack/event_message.json');
  const body = JSON.stringify({ ...base, event_id: eventId, event_time: Math.floor(Date.now() / 1000), event: { event_ts: String(Date.now() / 1000), ...event } });
  const headers: Record<string, string> = { 'content-type': 'application/json', ...slackSignatureHeaders(SIGNING_SECRET, body) };
  if (opts.retry) {
    headers['x-slack-retry-num'] = String(opts.retry);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  const response = await fetch(`${h.url}/slack/events`, { method: 'POST', headers, body });
  return { status: response.status, headers: response.headers, body: undefined, text: await response.text() };
}

/** Post a message into a channel through the emulator's Web API, as a person would write one. */
export async function postInChannel(h: Harness, channel: string, messageText: string): Promise<string> {
  const response = await fetch(`${h.emulator.apiUrl}chat.postMessage`, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.emulator.token}`, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ channel, text: messageText }),
  });
  const answer = (await response.json()) as { ok: boolean; ts?: string; error?: string };
  if (!answer.ok || !answer.ts) throw new Error(`chat.postMessage failed: ${answer.error}`);
  return answer.ts;
}

export interface TimelineRowShown {
  incident_id: number;
  actor: string;
  data: Record<string, unknown>;
  /** The event as Slack shows it on the timeline (mrkdwn, whole). */
  shown: string;
}

/** Timeline rows of one kind, oldest first (of one incident, when given), each with how Slack shows it. */
export function timelineOf(h: Harness, kind: string, incidentId?: number): TimelineRowShown[] {
  const rows = h.vigil.store.sqlite
    .prepare('select id, incident_id, at, kind, actor, data from timeline_events where kind = ? order by id')
    .all(kind) as Array<{ id: number; incident_id: number; at: number; kind: string; actor: string; data: string }>;
  return rows
    .filter((row) => incidentId === undefined || row.incident_id === incidentId)
    .map((row) => {
      const data = JSON.parse(row.data) as Record<string, unknown>;
      const event = asTimelineEvent({ id: row.id, incidentId: row.incident_id, at: new Date(row.at), kind: row.kind, actor: row.actor, data });
      return { incident_id: row.incident_id, actor: row.actor, data, shown: eventMrkdwnWhole(event) };
    });
}
