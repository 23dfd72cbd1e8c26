/**
 * What Slack sends an app when something happens that the app subscribed to (an Events API
 * `event_callback`, shaped like test/fixtures/slack/event_message.json) and when a person runs a
 * message shortcut (`message_action`).
 */
import { randomUUID } from 'node:crypto';
import type { Workspace } from '../state.js';
import type { EmuChannel, EmuMessage } from '../types.js';
import type { Person, Team } from './slackPayloads.js';

const APP_ID = 'A0VIGILAPP';

const nowTs = (): string => (Date.now() / 1000).toFixed(6);

export function eventCallback(ws: Workspace, event: Record<string, unknown>): Record<string, unknown> {
  return {
    token: 'verification_token',
    team_id: ws.me.teamId,
    api_app_id: APP_ID,
    event: { ...event, event_ts: nowTs() },
    type: 'event_callback',
    event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: ws.me.teamId, user_id: ws.me.botUserId, is_bot: true, is_enterprise_install: false }],
  };
}

/** The message as events and shortcuts carry it. */
export function messageJsonFor(message: EmuMessage): Record<string, unknown> {
  return {
    type: 'message',
    user: message.user,
    text: message.text,
    ts: message.ts,
    ...(message.blocks && message.blocks.length > 0 ? { blocks: message.blocks } : {}),
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
  };
}

export function messageShortcutPayload(p: {
  team: Team;
  user: Person;
  channel: EmuChannel;
  message: EmuMessage;
  callbackId: string;
  triggerId: string;
  responseUrl: string;
}): Record<string, unknown> {
  return {
    type: 'message_action',
    token: 'verification_token',
    action_ts: nowTs(),
    team: { id: p.team.id, domain: p.team.domain },
    user: { id: p.user.id, name: p.user.name, username: p.user.name, team_id: p.team.id },
    channel: { id: p.channel.id, name: p.channel.isIm ? 'directmessage' : p.channel.name },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: p.callbackId,
    trigger_id: p.triggerId,
    message_ts: p.message.ts,
    response_url: p.responseUrl,
    message: messageJsonFor(p.message),
  };
}
