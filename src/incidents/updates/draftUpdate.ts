import { eq } from 'drizzle-orm';
import { stakeholderUpdates, type StakeholderUpdateRow } from '../../db/schema/index.js';
import { requiredFields, updateMomentFor, type Audience, type ImpactLevel, type UpdateFieldName, type UpdateFields, type UpdateState } from '../../domain/stakeholderUpdates.js';
import { nextUpdateDue } from '../../domain/updateCadence.js';
import { enqueueEffect } from '../../effects/outbox.js';
import { VigilError } from '../../shared/errors.js';
import { inTransaction, type UseCaseContext } from '../context.js';
import { getIncident } from '../queries.js';
import { renderUpdateText } from './renderUpdate.js';
import { postedUpdates, updateByDraftKey } from './updateQueries.js';

export interface UpdateDraftInput {
  incidentId: number;
  /** Made when the form opened: the same form submitted again edits the same draft. */
  draftKey: string;
  audience: Audience;
  state: UpdateState;
  impact: ImpactLevel;
  components: string[];
  fields: UpdateFields;
  alsoInIncidentChannel: boolean;
  author: string;
}

/** How each field is named to the person who left it empty. */
export const FIELD_LABELS: Record<UpdateFieldName, string> = {
  headline: 'Headline',
  userImpact: 'What users see',
  actions: 'What we are doing',
  workaround: 'Workaround',
  usersAffected: 'Users affected',
  decisionsAffected: 'Decisions affected',
  businessImpact: 'Business impact',
  actionRequired: 'Action required from the reader',
  rootCause: 'Root cause so far',
  dataImpact: 'Data or decisions lost or wrong',
};

/** The first required field left empty, as a form error beside it. */
function assertComplete(input: UpdateDraftInput, moment: ReturnType<typeof updateMomentFor>): void {
  for (const name of requiredFields(moment, input.audience)) {
    if (!input.fields[name]?.trim()) {
      throw new VigilError('invalid_input', `${FIELD_LABELS[name]} is required for ${input.audience === 'client' ? 'a client' : `an ${input.audience}`} ${moment} update.`, name);
    }
  }
}

/**
 * Save a draft update and render its Slack text from the audience's template: the text the
 * preview shows is the text that will be posted. The moment (initial, update, resolution) follows
 * the incident: resolved, or whether this audience has heard from us yet.
 */
export function draftUpdate(ctx: UseCaseContext, input: UpdateDraftInput): StakeholderUpdateRow {
  return inTransaction(ctx, (tx) => {
    const now = ctx.clock.now();
    const incident = getIncident(tx, input.incidentId);
    const existing = updateByDraftKey(tx, input.draftKey);
    if (existing && (existing.status === 'posted' || existing.incidentId !== incident.id)) {
      throw new VigilError('conflict', 'This update was posted already; press Draft update for a new one.', 'headline');
    }
    const moment = updateMomentFor(incident.status, postedUpdates(tx, incident.id, input.audience).length);
    assertComplete(input, moment);
    const nextUpdateAt = moment === 'resolution' ? null : (nextUpdateDue(ctx.policy.stakeholders.cadence, incident.severity, incident.declaredAt, now) ?? null);
    const draft = {
      audience: input.audience,
      moment,
      state: input.state,
      impact: input.impact,
      components: input.components,
      fields: input.fields,
      ...(nextUpdateAt ? { nextUpdateAt } : {}),
      author: input.author,
    };
    const slackText = renderUpdateText(ctx, tx, incident, draft, now);
    const values = { ...draft, nextUpdateAt, alsoInIncidentChannel: input.alsoInIncidentChannel, slackText, status: 'draft' as const, updatedAt: now };
    if (existing) {
      tx.update(stakeholderUpdates).set(values).where(eq(stakeholderUpdates.id, existing.id)).run();
      // Edited while it waited for approval: its approval message says so, and a new one follows.
      if (existing.status === 'awaiting_approval') {
        enqueueEffect(tx, incident.id, 'update.approval_refresh', { updateId: existing.id, channel: ctx.policy.stakeholders.audiences[existing.audience].channel ?? null }, now);
      }
      return { ...existing, ...values };
    }
    return tx
      .insert(stakeholderUpdates)
      .values({ ...values, incidentId: incident.id, draftKey: input.draftKey, createdAt: now })
      .returning()
      .get();
  });
}
