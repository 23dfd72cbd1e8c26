// The `/incident` subcommands that read and add to the record: open incidents, one incident at a
// glance, notes, runbooks and the whole timeline.

import type { WebClient } from '@slack/web-api';
import type { IncidentRow } from '../../db/schema/index.js';
import { runbookForCategory, type Runbook } from '../../domain/runbooks.js';
import { addNote } from '../../incidents/addNote.js';
import { postRunbook, type RunbookPosting } from '../../incidents/postRunbook.js';
import { listOpenIncidents } from '../../incidents/queries.js';
import { lastTimelineEvent, loadIncidentView } from '../../incidents/readModel.js';
import { readTimeline } from '../../incidents/timeline.js';
import type { Logger } from '../../shared/logger.js';
import { incidentRef } from '../blocks/format.js';
import { incidentListText } from '../blocks/incidentListText.js';
import { incidentStatusText } from '../blocks/incidentStatusText.js';
import { timelineFilename, timelineFitsMessage, timelineMrkdwn, timelinePlainText } from '../blocks/timelineText.js';
import { escapeMrkdwn } from '../format/mrkdwn.js';
import { plainFromSlackText } from '../format/slackText.js';
import { words } from '../interaction/commandText.js';
import { UsageError, tellUser } from '../replies.js';
import type { Subcommand } from './subcommand.js';

export const listSubcommand: Subcommand = {
  name: 'list',
  usage: '/incident list',
  example: '/incident list',
  description: 'Open incidents with severity, category, model, age, state and channel',
  needsIncident: false,
  run: (_request, deps) => ({ text: incidentListText(listOpenIncidents(deps.ctx.db), deps.ctx.clock.now()) }),
};

export const statusSubcommand: Subcommand = {
  name: 'status',
  usage: '/incident status',
  example: '/incident status',
  description: 'This incident at a glance: severity, state, roles, acknowledgement, last update, open checklist items',
  needsIncident: true,
  run: (request, deps) => {
    const incidentId = request.incident!.id;
    const view = loadIncidentView(deps.ctx.db, incidentId, deps.ctx.runbooks);
    return { text: incidentStatusText(view, lastTimelineEvent(deps.ctx.db, incidentId), deps.ctx.clock.now()) };
  },
};

const NOTE_USAGE = '/incident note <text>';
const NOTE_EXAMPLE = '/incident note rolled back to v41, watching accuracy';

export const noteSubcommand: Subcommand = {
  name: 'note',
  usage: NOTE_USAGE,
  example: NOTE_EXAMPLE,
  description: 'Add a note to the timeline (and say it in the channel): decisions, findings, what you tried',
  needsIncident: true,
  run: (request, deps) => {
    const text = plainFromSlackText(request.args);
    if (!text) throw new UsageError('What should the note say?', NOTE_USAGE, NOTE_EXAMPLE);
    const incidentId = request.incident!.id;
    addNote(deps.ctx, { incidentId, userId: request.userId, text });
    return { text: `:memo: Noted on the timeline of ${incidentRef(incidentId)}.` };
  },
};

/** What the person who asked for a runbook hears, from the command or the button; the channel sees the runbook itself. */
export function runbookReply(result: RunbookPosting): string {
  const title = escapeMrkdwn(result.runbook.title);
  if (result.posted) return `:books: Posted *${title}* (${result.steps} steps) in this channel. Mark each step done as you go.`;
  return `*${title}* is already posted in this channel, with its progress; nothing new was posted. Scroll up to its checklist.`;
}

/** Every runbook by name, for someone who asked for one that does not exist. */
function availableRunbooks(runbooks: readonly Runbook[]): string {
  return runbooks.map((r) => `• \`${r.name}\` ${escapeMrkdwn(r.title)} _(${r.categories.join(', ')})_`).join('\n');
}

const RUNBOOK_USAGE = '/incident runbook [name]';
const RUNBOOK_EXAMPLE = '/incident runbook emergency-model-rollback';

export const runbookSubcommand: Subcommand = {
  name: 'runbook',
  usage: RUNBOOK_USAGE,
  example: RUNBOOK_EXAMPLE,
  description: "Post a runbook as steps to tick: the category's own, or one by name",
  needsIncident: true,
  run: (request, deps) => {
    const [typed, ...extra] = words(request.args);
    const name = typed?.toLowerCase();
    if (extra.length > 0) throw new UsageError('Name one runbook.', RUNBOOK_USAGE, RUNBOOK_EXAMPLE);
    const runbooks = deps.ctx.runbooks;
    const incident = request.incident!;
    if (name && !runbooks.some((r) => r.name === name)) {
      return { text: `There is no runbook \`${name.replace(/[<>&`]/g, '')}\`. Available runbooks:\n${availableRunbooks(runbooks)}\nUsage: \`${RUNBOOK_USAGE}\`` };
    }
    if (!name && !runbookForCategory(runbooks, incident.category)) {
      return { text: `No runbook serves the *${incident.category}* category. Name one:\n${availableRunbooks(runbooks)}` };
    }
    return { text: runbookReply(postRunbook(deps.ctx, { incidentId: incident.id, userId: request.userId, ...(name ? { runbookName: name } : {}) })) };
  },
};

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
