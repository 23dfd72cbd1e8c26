import type { HomeView, KnownBlock } from '@slack/types';
import type { Severity } from '../../domain/types.js';
import { escapeMrkdwn, truncate } from '../../domain/mrkdwn.js';
import { formatDuration } from '../../domain/duration.js';
import type { HomeData } from '../../incidents/homeQuery.js';
import type { IncidentRow } from '../../db/schema/index.js';
import { SEVERITY_EMOJI, channelLink, incidentRef, md, plain } from './format.js';

function incidentLine(incident: IncidentRow, now: Date): string {
  const severity = incident.severity as Severity;
  const where = incident.channelId ? channelLink(incident.channelId) : '';
  const age = formatDuration(now.getTime() - incident.declaredAt.getTime());
  return `${SEVERITY_EMOJI[severity]} *${incidentRef(incident.id)}* ${severity} · ${incident.status} · ${age} · ${escapeMrkdwn(truncate(incident.title, 120))} ${where}`;
}

/** The Home tab: pages waiting on you first, then every open incident, most severe first. */
export function homeView(data: HomeData, now: Date): HomeView {
  const blocks: KnownBlock[] = [{ type: 'header', text: plain('Vigil · incidents') }];
  if (data.awaitingMyAck.length > 0) {
    blocks.push({ type: 'section', text: md(`*Waiting for your acknowledgement*\n${data.awaitingMyAck.map((i) => incidentLine(i, now)).join('\n')}`) });
  }
  const lines = data.openIncidents.slice(0, 40).map((i) => incidentLine(i, now));
  blocks.push({ type: 'section', text: md(truncate(`*Open incidents (${data.openIncidents.length})*\n${lines.join('\n') || '_None. All quiet._'}`, 2900)) });
  blocks.push({ type: 'context', elements: [md('`/incident help` lists every command.')] });
  return { type: 'home', blocks };
}
