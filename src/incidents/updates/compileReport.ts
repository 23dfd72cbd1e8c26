import type { Audience } from '../../domain/stakeholderUpdates.js';
import type { UseCaseContext } from '../context.js';
import { getIncident } from '../queries.js';
import { renderReport } from './renderUpdate.js';
import { updateFormDefaults } from './updateDefaults.js';

/**
 * The full incident report for an audience, in Markdown, from the incident and its timeline and
 * the words of the audience's last update (or the first-draft suggestions when there is none).
 * Read-only: nothing is recorded.
 */
export function compileReport(ctx: UseCaseContext, incidentId: number, audience: Audience): string {
  const incident = getIncident(ctx.db, incidentId);
  const defaults = updateFormDefaults(ctx.db, incident, audience);
  return renderReport(ctx, ctx.db, incident, { audience, moment: defaults.moment, state: defaults.state, impact: defaults.impact, components: defaults.components, fields: defaults.fields }, ctx.clock.now());
}
