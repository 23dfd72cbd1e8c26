/** `/incident ...` typed in the page's composer: a signed slash command, and its reply kept as an ephemeral. */
import { z } from 'zod';
import { renderBody } from '../printer.js';
import { callApp, personOf, placeOf, refuse, teamOf, type UiAnswer, type UiContext } from './context.js';
import { typedForSlack } from './mentions.js';
import { slashCommandForm } from './slackPayloads.js';

// Vigil registers this one command; the manifest maps it to /slack/events.
const COMMAND = '/incident';

export const commandInput = z.object({
  user: z.string().min(1),
  channel: z.string().min(1),
  text: z.string().max(4000),
});

/** '/incident help' or just 'help' → the command's text; another command → undefined. */
export function commandText(typed: string): string | undefined {
  const line = typed.trim();
  if (!line.startsWith('/')) return line;
  const [name = '', ...rest] = line.split(/\s+/);
  return name === COMMAND ? rest.join(' ') : undefined;
}

export async function runCommand(ctx: UiContext, input: z.infer<typeof commandInput>): Promise<UiAnswer> {
  const { ws } = ctx.host;
  if (!ws.users.has(input.user)) return refuse(400, 'user_not_found', `No user ${input.user} in the emulator.`);
  const channel = ws.channels.get(input.channel);
  if (!channel) return refuse(404, 'channel_not_found', `No channel ${input.channel} in the emulator.`);
  const typed = commandText(input.text);
  if (typed === undefined) return refuse(400, 'unknown_command', `Only ${COMMAND} is wired to Vigil here, e.g. "${COMMAND} help".`);
  // As Slack sends it: & < > escaped, @alice as <@U…|alice>.
  const text = typedForSlack(ws, typed, 'command');

  const target = { user: input.user, channel: channel.id };
  const fields = slashCommandForm({
    team: teamOf(ws),
    user: personOf(ws, input.user),
    channel: placeOf(channel),
    command: COMMAND,
    text,
    triggerId: ctx.host.newTriggerId(input.user),
    responseUrl: ctx.host.responseUrl(ctx.replies.responseId(target)),
  });
  ctx.host.say(`▶ ${ws.userLabel(input.user)} typed ${COMMAND} ${text} in ${ws.channelLabel(channel)}`);
  const answer = await callApp(ctx, { kind: 'form', fields });
  if (answer.status < 300 && ctx.replies.add(ws, target, answer.body)) {
    const body = answer.body as { text?: unknown; blocks?: unknown }; // add() accepted it as a record
    ctx.host.say(`ephemeral reply to ${ws.userLabel(input.user)}`, renderBody(typeof body.text === 'string' ? body.text : undefined, body.blocks));
  }
  return answer;
}
