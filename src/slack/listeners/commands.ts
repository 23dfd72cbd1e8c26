import { findIncidentByChannel } from '../../incidents/queries.js';
import { findSubcommand } from '../commands/registry.js';
import { escapeMrkdwn } from '../format/mrkdwn.js';
import { errorReply } from '../replies.js';
import type { Listener } from './listener.js';

/** The slash commands (manifest.yml's `slash_commands`): one, `/incident`, with its subcommands in commands/registry.ts. */
export const COMMAND_LISTENERS: readonly Listener[] = [
  {
    /**
     * `/incident <subcommand> ...`: find the subcommand, check where it is used, run it, and
     * answer in the acknowledgement itself (ephemeral), well inside Slack's 3 seconds.
     */
    kind: 'command',
    command: '/incident',
    handle: async ({ ack, command, client }, deps) => {
      const text = (command.text ?? '').trim();
      const name = text.split(/\s+/)[0] || 'help';
      const args = text.slice(name.length).trim();
      const subcommand = findSubcommand(name);
      if (!subcommand) {
        await ack({ response_type: 'ephemeral', text: `Unknown subcommand "${escapeMrkdwn(name)}". Try \`/incident help\`.` });
        return;
      }
      const incident = findIncidentByChannel(deps.ctx.db, command.channel_id);
      if (subcommand.needsIncident && !incident) {
        await ack({
          response_type: 'ephemeral',
          text: `\`/incident ${subcommand.name}\` works inside an incident channel. Use \`/incident list\` to find one.\nUsage: \`${subcommand.usage}\``,
        });
        return;
      }
      try {
        const reply = await subcommand.run(
          { userId: command.user_id, channelId: command.channel_id, args, triggerId: command.trigger_id, ...(incident ? { incident } : {}) },
          { ctx: deps.ctx, client, logger: deps.logger },
        );
        await ack(reply ? { response_type: 'ephemeral', text: reply.text, ...(reply.blocks ? { blocks: reply.blocks } : {}) } : undefined);
      } catch (error) {
        await ack({ response_type: 'ephemeral', text: errorReply(error, deps.logger) });
      }
    },
  },
];
