import type { IncidentRow } from '../../db/schema/index.js';
import { formatDuration } from '../../domain/duration.js';
import { severityRank } from '../../domain/severity.js';
import { SEVERITY_EMOJI, channelLink, incidentRef, modelText } from './format.js';
import { FULL_TEXT, clip, fitMessageText } from './limits.js';

const MAX_LISTED = 25;

/**
 * One line per incident. A private incident shows only what cannot leak (severity, state, age)
 * to whoever asks; its channel link reveals its name to members only, as Slack does.
 */
function incidentLine(incident: IncidentRow, now: Date): string {
  const { severity } = incident;
  const age = formatDuration(now.getTime() - incident.declaredAt.getTime());
  const where = incident.channelId ? channelLink(incident.channelId) : '_channel being created_';
  const head = `${SEVERITY_EMOJI[severity]} *${incidentRef(incident.id)}* ${severity}`;
  if (incident.isPrivate) return `${head} · :lock: private · ${incident.status} · ${age} · ${where}`;
  const model = modelText(incident.modelName, incident.modelVersion);
  const facts = [incident.category, model, age, incident.status].filter(Boolean).join(' · ');
  return `${head} · ${facts} · ${where}\n      ${clip(incident.title, 90)}`;
}

/** `/incident list`: open incidents, most severe first, oldest first within a severity. */
export function incidentListText(open: readonly IncidentRow[], now: Date): string {
  if (open.length === 0) return ':large_green_circle: No open incidents. All quiet.';
  const sorted = [...open].sort(
    (a, b) => severityRank(a.severity) - severityRank(b.severity) || a.declaredAt.getTime() - b.declaredAt.getTime(),
  );
  const lines = sorted.slice(0, MAX_LISTED).map((incident) => incidentLine(incident, now));
  const more = sorted.length > MAX_LISTED ? `\n…and ${sorted.length - MAX_LISTED} more (the Home tab lists them all).` : '';
  return fitMessageText(`*Open incidents (${open.length})*\n${lines.join('\n')}${more}`, FULL_TEXT.home);
}
