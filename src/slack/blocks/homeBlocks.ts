import type { HomeView, KnownBlock } from '@slack/types';
import { formatDuration } from '../../domain/duration.js';
import type { HomeData } from '../../incidents/homeQuery.js';
import type { IncidentRow } from '../../db/schema/index.js';
import { SEVERITY_EMOJI, channelLink, incidentRef, md, plain } from './format.js';
import { FULL_TEXT, clip, fitText, fitView } from './limits.js';

// A Home tab holds 100 blocks; sections are kept well under their 3,000 characters.
const MAX_LINES = 40;
const SECTION_CHARS = 2900;

function incidentLine(incident: IncidentRow, now: Date): string {
  const { severity } = incident;
  const where = incident.channelId ? channelLink(incident.channelId) : '_channel being created_';
  const age = formatDuration(now.getTime() - incident.declaredAt.getTime());
  const lock = incident.isPrivate ? ' :lock:' : '';
  return `${SEVERITY_EMOJI[severity]} *${incidentRef(incident.id)}* ${severity} · ${incident.status} · ${age} · ${clip(incident.title, 120)}${lock} ${where}`;
}

function section(heading: string, lines: string[]): KnownBlock {
  const shown = lines.slice(0, MAX_LINES);
  const more = lines.length > shown.length ? `\n…and ${lines.length - shown.length} more` : '';
  return { type: 'section', text: md(fitText(`${heading}\n${shown.join('\n')}${more}`, SECTION_CHARS, FULL_TEXT.none)) };
}

/** The Home tab: pages waiting on you first, then your roles, then every open incident, most severe first. */
export function homeView(data: HomeData, now: Date): HomeView {
  const blocks: KnownBlock[] = [{ type: 'header', text: plain('Vigil · incidents') }];
  if (data.awaitingMyAck.length > 0) {
    blocks.push(section(':rotating_light: *Waiting for your acknowledgement*', data.awaitingMyAck.map((i) => incidentLine(i, now))));
  }
  if (data.myRoles.length > 0) {
    blocks.push(section('*Your roles*', data.myRoles.map(({ incident, role }) => `*${clip(role, 60)}* in ${incidentLine(incident, now)}`)));
  }
  blocks.push({ type: 'divider' });
  const open = data.openIncidents.map((i) => incidentLine(i, now));
  blocks.push(section(`*Open incidents (${data.openIncidents.length})*`, open.length > 0 ? open : ['_None. All quiet._']));
  blocks.push({ type: 'context', elements: [md('`/incident declare` opens an incident · `/incident help` lists every command.')] });
  return fitView({ type: 'home', blocks });
}
