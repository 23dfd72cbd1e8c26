/**
 * The requests Slack sends an app when a person types a slash command or clicks a button,
 * shaped like test/fixtures/slack/slash_command.json and block_actions.json (real captures).
 */
import { isRecord } from '../args.js';

export interface Team {
  id: string;
  domain: string;
}

export interface Person {
  id: string;
  name: string;
}

export interface Place {
  id: string;
  name: string;
  isIm: boolean;
}

// Ids Slack would give the app and its bot; the emulator's views carry the same ones.
const APP_ID = 'A0VIGILAPP';
const BOT_ID = 'B0VIGILBOT';

/** Slack names a DM 'directmessage' in a slash command, whatever the person is called. */
const channelName = (place: Place) => (place.isIm ? 'directmessage' : place.name);

export function slashCommandForm(p: {
  team: Team;
  user: Person;
  channel: Place;
  command: string;
  text: string;
  triggerId: string;
  responseUrl: string;
}): Record<string, string> {
  return {
    token: 'verification_token',
    team_id: p.team.id,
    team_domain: p.team.domain,
    channel_id: p.channel.id,
    channel_name: channelName(p.channel),
    user_id: p.user.id,
    user_name: p.user.name,
    command: p.command,
    text: p.text,
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: p.responseUrl,
    trigger_id: p.triggerId,
  };
}

export interface FoundButton {
  blockId: string;
  element: Record<string, unknown>;
}

/** The button with this action_id, in an actions block or as a section's accessory. */
export function findButton(blocks: unknown, actionId: string): FoundButton | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const block of blocks) {
    if (!isRecord(block)) continue;
    const candidates = [block['accessory'], ...(Array.isArray(block['elements']) ? block['elements'] : [])];
    const element = candidates.find((c): c is Record<string, unknown> => isRecord(c) && c['type'] === 'button' && c['action_id'] === actionId);
    if (element) return { blockId: typeof block['block_id'] === 'string' ? block['block_id'] : '', element };
  }
  return undefined;
}

export interface ClickedMessage {
  ts: string;
  text: string;
  blocks: unknown[];
  /** Author of a channel message; an ephemeral has none in the payload. */
  user: string;
  ephemeral: boolean;
}

export function blockActionsPayload(p: {
  team: Team;
  user: Person;
  channel: Place;
  message: ClickedMessage;
  button: FoundButton;
  triggerId: string;
  responseUrl: string;
  now?: Date;
}): Record<string, unknown> {
  const actionTs = ((p.now ?? new Date()).getTime() / 1000).toFixed(6);
  return {
    type: 'block_actions',
    user: { id: p.user.id, username: p.user.name, name: p.user.name, team_id: p.team.id },
    api_app_id: APP_ID,
    token: 'verification_token',
    container: { type: 'message', message_ts: p.message.ts, channel_id: p.channel.id, is_ephemeral: p.message.ephemeral },
    trigger_id: p.triggerId,
    team: { id: p.team.id, domain: p.team.domain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: p.channel.id, name: channelName(p.channel) },
    // Slack sends the message itself only for a channel message, not for an ephemeral one.
    ...(p.message.ephemeral
      ? {}
      : {
          message: {
            bot_id: BOT_ID,
            type: 'message',
            text: p.message.text,
            user: p.message.user,
            ts: p.message.ts,
            app_id: APP_ID,
            blocks: p.message.blocks,
            team: p.team.id,
          },
        }),
    state: { values: {} },
    response_url: p.responseUrl,
    actions: [{ ...p.button.element, block_id: p.button.blockId, action_ts: actionTs }],
  };
}
