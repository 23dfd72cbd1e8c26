import type { IncidentRow } from '../../db/schema/index.js';
import { clip } from './limits.js';
import { channelLink, incidentRef } from './format.js';

/** What the person who declared an incident hears: what it is, where to join, whether it is private. */
export function declaredText(incident: IncidentRow): string {
  const where = incident.channelId ? `Join ${channelLink(incident.channelId)}; you are invited.` : 'Its channel could not be created; see the logs.';
  const privacy = incident.isPrivate ? ' It is private: nothing is announced outside its channel.' : '';
  return `:rotating_light: You declared *${incidentRef(incident.id)}* ${incident.severity} ${incident.category}: ${clip(incident.title, 200)}. ${where}${privacy}`;
}
