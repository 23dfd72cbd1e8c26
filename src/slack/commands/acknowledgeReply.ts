import type { AcknowledgeResult } from '../../incidents/acknowledgeIncident.js';
import { incidentRef, slackTime } from '../blocks/format.js';

/** What the person who acknowledged hears back; the channel hears it from the outbox. */
export function acknowledgeReply(incidentId: number, result: AcknowledgeResult): string {
  if (result.acknowledged) return `:white_check_mark: You acknowledged ${incidentRef(incidentId)}. Paging for acknowledgement has stopped.`;
  return `Thanks. ${incidentRef(incidentId)} was already acknowledged by <@${result.by}> ${slackTime(result.at)}; nothing changed.`;
}
