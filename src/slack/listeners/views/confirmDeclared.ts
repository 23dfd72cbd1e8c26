import type { WebClient } from '@slack/web-api';
import type { Db } from '../../../db/executor.js';
import type { IncidentRow } from '../../../db/schema/index.js';
import { escapeMrkdwn, truncate } from '../../../domain/mrkdwn.js';
import { getIncident } from '../../../incidents/queries.js';
import type { Logger } from '../../../shared/logger.js';
import { channelLink, incidentRef } from '../../blocks/format.js';

// The delivery worker starts on the new incident's effects the moment the transaction commits,
// so its channel normally exists within a second; past this, the person hears without a link.
const WAIT_FOR_CHANNEL_MS = 10_000;
const POLL_MS = 100;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function channelOf(db: Db, incidentId: number): Promise<string | undefined> {
  const deadline = Date.now() + WAIT_FOR_CHANNEL_MS;
  for (;;) {
    const channelId = getIncident(db, incidentId).channelId;
    if (channelId || Date.now() >= deadline) return channelId ?? undefined;
    await sleep(POLL_MS);
  }
}

function confirmation(incident: IncidentRow, channelId: string | undefined): string {
  const where = channelId ? `Join ${channelLink(channelId)}; you are invited.` : 'Its channel is being created; you will be invited.';
  const privacy = incident.isPrivate ? ' It is private: nothing is announced outside its channel.' : '';
  return `:rotating_light: You declared *${incidentRef(incident.id)}* ${incident.severity} ${incident.category}: ${escapeMrkdwn(truncate(incident.title, 200))}. ${where}${privacy}`;
}

/**
 * Tell the person who declared where their incident lives: privately in the channel where they
 * typed the command, or by direct message when Slack will not show an ephemeral there.
 */
export async function confirmDeclared(client: WebClient, db: Db, logger: Logger, incident: IncidentRow, declarer: string, origin: string): Promise<void> {
  const text = confirmation(incident, await channelOf(db, incident.id));
  try {
    await client.chat.postEphemeral({ channel: origin, user: declarer, text });
    return;
  } catch (error) {
    logger.info('slack: ephemeral confirmation failed; sending a direct message', { error: (error as Error).message });
  }
  try {
    await client.chat.postMessage({ channel: declarer, text });
  } catch (error) {
    logger.warn('slack: could not confirm a declared incident', { incidentId: incident.id, error: (error as Error).message });
  }
}
