// The one seam between the update use cases and the templates: the same incident facts, rendered
// for an audience in the form a surface needs (Slack text to post, Markdown for the report).

import type { Executor } from '../../db/executor.js';
import type { IncidentRow, StakeholderUpdateRow } from '../../db/schema/index.js';
import { buildUpdateData, type DraftForTemplate } from '../../comms/updateData.js';
import type { Audience } from '../../domain/stakeholderUpdates.js';
import type { IncidentRole } from '../../domain/roles.js';
import type { UseCaseContext } from '../context.js';
import { rolesOf } from '../readModel.js';
import { readTimeline } from '../timeline.js';
import { postedUpdates } from './updateQueries.js';

const previousOf = (row: StakeholderUpdateRow) => ({
  audience: row.audience,
  moment: row.moment,
  state: row.state,
  impact: row.impact,
  components: row.components,
  fields: row.fields,
  postedAt: row.postedAt ?? row.updatedAt,
  ...(row.nextUpdateAt ? { nextUpdateAt: row.nextUpdateAt } : {}),
  author: row.author,
});

/** What a reader of this audience may see posted before: the team sees every audience's updates, others their own. */
const previousFor = (tx: Executor, incidentId: number, audience: Audience) => postedUpdates(tx, incidentId, audience === 'internal' ? undefined : audience).map(previousOf);

function templateData(ctx: UseCaseContext, tx: Executor, incident: IncidentRow, draft: DraftForTemplate, audience: Audience, now: Date) {
  const roles: Partial<Record<IncidentRole, string>> = Object.fromEntries(rolesOf(tx, incident.id).map((r) => [r.role, r.userId]));
  return buildUpdateData({
    incident,
    timeline: readTimeline(tx, incident.id),
    roles,
    update: draft,
    previous: previousFor(tx, incident.id, audience),
    now,
    timeZone: ctx.policy.stakeholders.audiences[audience].timeZone,
  });
}

/** An update's Slack text, as its audience's template says it. */
export function renderUpdateText(ctx: UseCaseContext, tx: Executor, incident: IncidentRow, draft: DraftForTemplate, now: Date): string {
  return ctx.templates.render(draft.moment, draft.audience, 'slack', templateData(ctx, tx, incident, draft, draft.audience, now));
}

/** The full incident report for an audience, in Markdown, from the last update's words if any. */
export function renderReport(ctx: UseCaseContext, tx: Executor, incident: IncidentRow, draft: DraftForTemplate, now: Date): string {
  return ctx.templates.render('report', draft.audience, 'markdown', templateData(ctx, tx, incident, draft, draft.audience, now));
}
