// The `/incident` subcommands that speak to people outside the channel: draft a stakeholder
// update, and the full incident report as a file.

import type { WebClient } from '@slack/web-api';
import { AUDIENCES, type Audience } from '../../domain/stakeholderUpdates.js';
import { compileReport } from '../../incidents/updates/compileReport.js';
import type { Logger } from '../../shared/logger.js';
import { incidentRef } from '../blocks/format.js';
import { words } from '../interaction/commandText.js';
import { openUpdateForm } from '../interaction/updateForm.js';
import { UsageError, tellUser } from '../replies.js';
import type { Subcommand } from './subcommand.js';

/** The one optional argument both take: an audience, client when absent. */
function audienceArg(args: string, usage: string, example: string): Audience {
  const [typed, ...extra] = words(args);
  const audience = (typed ?? 'client').toLowerCase();
  if (extra.length > 0 || !(AUDIENCES as readonly string[]).includes(audience)) {
    throw new UsageError(`Name one audience: ${AUDIENCES.join(', ')}.`, usage, example);
  }
  return audience as Audience;
}

const UPDATE_USAGE = '/incident update [client|executive|internal]';
const UPDATE_EXAMPLE = '/incident update client';

export const updateSubcommand: Subcommand = {
  name: 'update',
  usage: UPDATE_USAGE,
  example: UPDATE_EXAMPLE,
  description: 'Draft a stakeholder update from the template for this moment, preview it, then post it (client updates go to the commander first)',
  needsIncident: true,
  run: async (request, deps) => {
    const audience = audienceArg(request.args, UPDATE_USAGE, UPDATE_EXAMPLE);
    await openUpdateForm(deps.client, deps.ctx, request.triggerId, request.incident!.id, audience);
  },
};

const REPORT_USAGE = '/incident report [internal|executive|client]';
const REPORT_EXAMPLE = '/incident report internal';

export const reportFilename = (incidentId: number, audience: Audience): string => `${incidentRef(incidentId)}-report-${audience}.md`;

/** Not awaited by the command: an upload is three Web API calls, and the command must answer within 3 seconds. */
async function uploadReport(client: WebClient, incidentId: number, audience: Audience, channel: string, content: string, userId: string, logger: Logger): Promise<void> {
  try {
    await client.files.uploadV2({ channel_id: channel, content, filename: reportFilename(incidentId, audience), title: `${incidentRef(incidentId)} incident report (${audience})` });
  } catch (error) {
    logger.warn('slack: report upload failed', { incidentId, error: (error as Error).message });
    await tellUser(client, channel, userId, `:warning: Could not upload the report of ${incidentRef(incidentId)}. Please try again.`, logger);
  }
}

export const reportSubcommand: Subcommand = {
  name: 'report',
  usage: REPORT_USAGE,
  example: REPORT_EXAMPLE,
  description: 'The full incident report (Markdown) for an audience, posted to this channel as a file',
  needsIncident: true,
  run: (request, deps) => {
    const args = request.args.trim() ? request.args : 'internal';
    const audience = audienceArg(args, REPORT_USAGE, REPORT_EXAMPLE);
    const incidentId = request.incident!.id;
    const markdown = compileReport(deps.ctx, incidentId, audience);
    void uploadReport(deps.client, incidentId, audience, request.channelId, markdown, request.userId, deps.logger);
    return { text: `:page_facing_up: The ${audience} report of ${incidentRef(incidentId)} is being posted to this channel as \`${reportFilename(incidentId, audience)}\`.` };
  },
};
