import type { Executor } from '../../db/executor.js';
import {
  SUGGESTED_ACTIONS,
  SUGGESTED_IMPACT,
  SUGGESTED_USER_IMPACT,
  suggestedHeadline,
  suggestedUpdateState,
  updateMomentFor,
  type Audience,
} from '../../domain/stakeholderUpdates.js';
import type { IncidentRow } from '../../db/schema/index.js';
import type { UpdateDraft } from '../../comms/updateData.js';
import { lastUpdateFor, postedUpdates } from './updateQueries.js';

/** A draft as the form starts it (the template's draft, before its next-update time is set), and where it goes. */
export type UpdateFormDefaults = Omit<UpdateDraft, 'nextUpdateAt' | 'author' | 'reviewBy'> & { alsoInIncidentChannel: boolean };

/**
 * What the Draft update form starts with: the audience's last update (its words carry over,
 * the state follows the incident), else suggestions from the severity and category, so a first
 * client notification is an edit, not a blank page.
 */
export function updateFormDefaults(db: Executor, incident: IncidentRow, audience: Audience): UpdateFormDefaults {
  const moment = updateMomentFor(incident.status, postedUpdates(db, incident.id, audience).length);
  const last = lastUpdateFor(db, incident.id, audience);
  const hasRootCause = Boolean(last?.fields.rootCause);
  const state = suggestedUpdateState(incident.status, hasRootCause);
  if (last) {
    return { audience, moment, state: moment === 'resolution' ? 'resolved' : state, impact: last.impact, components: last.components, fields: last.fields, alsoInIncidentChannel: last.alsoInIncidentChannel };
  }
  const component = incident.modelName ?? undefined;
  return {
    audience,
    moment,
    state,
    impact: SUGGESTED_IMPACT[incident.severity],
    components: component ? [component] : [],
    fields: {
      headline: audience === 'internal' ? incident.title : suggestedHeadline(component),
      userImpact: SUGGESTED_USER_IMPACT[incident.category],
      actions: SUGGESTED_ACTIONS,
    },
    alsoInIncidentChannel: false,
  };
}
