import type { Audience } from '../../domain/stakeholderUpdates.js';
import type { UseCaseContext } from '../context.js';
import { getIncident } from '../queries.js';
import { renderReport } from './renderUpdate.js';
import { updateFormDefaults } from './updateDefaults.js';
import { lastUpdateFor, postedUpdates } from './updateQueries.js';
import { updateMomentFor } from '../../domain/stakeholderUpdates.js';

/**
 * The full incident report for an audience, in Markdown, from the incident and its timeline and
 * the words of the latest update: the audience's own, else (for the team) the latest posted to
 * anyone, else the first-draft suggestions. Read-only: nothing is recorded.
 */
export function compileReport(ctx: UseCaseContext, incidentId: number, audience: Audience): string {
  const incident = getIncident(ctx.db, incidentId);
  const own = lastUpdateFor(ctx.db, incidentId, audience);
  const latest = own ?? (audience === 'internal' ? postedUpdates(ctx.db, incidentId).at(-1) : undefined);
  const words = latest ?? updateFormDefaults(ctx.db, incident, audience);
  const draft = { audience, moment: updateMomentFor(incident.status, 1), state: words.state, impact: words.impact, components: words.components, fields: words.fields };
  return renderReport(ctx, ctx.db, incident, draft, ctx.clock.now());
}
