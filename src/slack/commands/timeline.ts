import type { WebClient } from '@slack/web-api';
import type { IncidentRow } from '../../db/schema/index.js';
import { readTimeline } from '../../incidents/timeline.js';
import type { Logger } from '../../shared/logger.js';
import { tellUser } from '../replies.js';
import { incidentRef } from '../blocks/format.js';
import { timelineFilename, timelineFitsMessage, timelineMrkdwn, timelinePlainText } from '../blocks/timelineText.js';
import type { Subcommand } from './subcommand.js';

/**
 * Upload the whole timeline as a text file in the incident channel. Not awaited by the command:
 * an upload is three Web API calls, and the command must answer within Slack's 3 seconds.
 */
async function uploadTimeline(client: WebClient, incident: IncidentRow, channel: string, content: string, userId: string, logger: Logger): Promise<void> {
  try {
    await client.files.uploadV2({
      channel_id: channel,
      content,
      filename: timelineFilename(incident.id),
      title: `${incidentRef(incident.id)} timeline`,
    });
  } catch (error) {
    logger.warn('slack: timeline upload failed', { incidentId: incident.id, error: (error as Error).message });
    await tellUser(client, channel, userId, `:warning: Could not upload the timeline of ${incidentRef(incident.id)} as a file. Please try again.`, logger);
  }
}

export const timelineSubcommand: Subcommand = {
  name: 'timeline',
  usage: '/incident timeline',
  example: '/incident timeline',
  description: 'Everything that happened so far, with time and who (as a file when it is long)',
  needsIncident: true,
  run: (request, deps) => {
    const incident = request.incident!;
    const events = readTimeline(deps.ctx.db, incident.id);
    const message = timelineMrkdwn(incident, events);
    if (timelineFitsMessage(events, message)) return { text: message };
    void uploadTimeline(deps.client, incident, request.channelId, timelinePlainText(incident, events), request.userId, deps.logger);
    return {
      text: `:page_facing_up: The timeline of ${incidentRef(incident.id)} has ${events.length} entries, too long for a message: it is being posted to this channel as the file \`${timelineFilename(incident.id)}\`.`,
    };
  },
};
