import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { Audience } from '../../domain/stakeholderUpdates.js';
import type { UseCaseContext } from '../../incidents/context.js';
import { getIncident } from '../../incidents/queries.js';
import { updateFormDefaults, type UpdateFormDefaults } from '../../incidents/updates/updateDefaults.js';
import { getUpdate, postedUpdates } from '../../incidents/updates/updateQueries.js';
import { updateMomentFor } from '../../domain/stakeholderUpdates.js';
import { updateModal } from '../blocks/updateModal.js';
import { openModal } from './modals.js';

/** The Draft update form, from the command or a button: a fresh draft, prefilled for the incident's moment. */
export async function openUpdateForm(client: WebClient, ctx: UseCaseContext, triggerId: string, incidentId: number, audience: Audience): Promise<void> {
  const incident = getIncident(ctx.db, incidentId);
  const defaults = updateFormDefaults(ctx.db, incident, audience);
  await openModal(client, triggerId, updateModal(incident, defaults, { incidentId, draftKey: randomUUID() }));
}

/** The same form over a draft that waits for approval (its Edit button): submitting it edits that draft. */
export async function openUpdateEditForm(client: WebClient, ctx: UseCaseContext, triggerId: string, updateId: number): Promise<void> {
  const update = getUpdate(ctx.db, updateId);
  const incident = getIncident(ctx.db, update.incidentId);
  const defaults: UpdateFormDefaults = {
    audience: update.audience,
    moment: updateMomentFor(incident.status, postedUpdates(ctx.db, incident.id, update.audience).length),
    state: update.state,
    impact: update.impact,
    components: update.components,
    fields: update.fields,
    alsoInIncidentChannel: update.alsoInIncidentChannel,
  };
  await openModal(client, triggerId, updateModal(incident, defaults, { incidentId: incident.id, draftKey: update.draftKey }));
}
