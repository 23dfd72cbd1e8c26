// Stakeholder updates: what an update to people outside the channel says (its state, impact and
// the components affected, and the words a person supplies), and when the next one is due.
// Pure: the use cases in src/incidents/updates/ store and post them; src/comms/ renders them.

import type { IncidentState } from './lifecycle.js';
import type { Category, Severity } from './types.js';

/** The public state of an incident, as status pages say it (Statuspage's four). */
export const UPDATE_STATES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type UpdateState = (typeof UPDATE_STATES)[number];

/** How bad it is for the reader, as status pages say it. */
export const IMPACT_LEVELS = ['none', 'minor', 'major', 'critical'] as const;
export type ImpactLevel = (typeof IMPACT_LEVELS)[number];

/** Who reads an update; each audience has its templates and its channel. */
export const AUDIENCES = ['client', 'executive', 'internal'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** An audience named in a sentence ("Client update posted"). */
export const AUDIENCE_WORDS: Record<Audience, string> = { client: 'Client', executive: 'Executive', internal: 'Internal' };

/** Which template an update is drafted from: the first word, the ones after, the last. */
export const UPDATE_MOMENTS = ['initial', 'update', 'resolution'] as const;
export type UpdateMoment = (typeof UPDATE_MOMENTS)[number];

/**
 * What a person supplies, in plain language for the reader. `headline` is what the status page
 * calls the incident (never the detector's title, which may be internal); `userImpact` is what
 * users see; `actions` what we are doing. The rest are optional except where a moment or an
 * audience requires them (see requiredFields).
 */
export interface UpdateFields {
  headline: string;
  userImpact: string;
  actions: string;
  workaround?: string;
  usersAffected?: string;
  decisionsAffected?: string;
  businessImpact?: string;
  actionRequired?: string;
  rootCause?: string;
  /** Resolution: whether any data or decisions were lost or wrong ("None" is an answer). */
  dataImpact?: string;
}

export type UpdateFieldName = keyof UpdateFields;

/** The fields an update must have before it can be posted, by moment and audience. */
export function requiredFields(moment: UpdateMoment, audience: Audience): UpdateFieldName[] {
  const always: UpdateFieldName[] = ['headline', 'userImpact', 'actions'];
  if (moment === 'resolution') return [...always, 'dataImpact'];
  if (audience === 'executive') return [...always, 'businessImpact'];
  return always;
}

/** The public state an incident's lifecycle state suggests; a person can choose another. */
export function suggestedUpdateState(state: IncidentState, hasRootCause: boolean): UpdateState {
  switch (state) {
    case 'resolved':
      return 'resolved';
    case 'mitigated':
      return 'monitoring';
    default:
      return hasRootCause ? 'identified' : 'investigating';
  }
}

/** The impact a severity suggests; a person can choose another. */
export const SUGGESTED_IMPACT: Record<Severity, ImpactLevel> = {
  SEV1: 'critical',
  SEV2: 'major',
  SEV3: 'minor',
  SEV4: 'minor',
};

/** The moment an incident is at: no update posted yet, some posted, or resolved. */
export function updateMomentFor(state: IncidentState, postedBefore: number): UpdateMoment {
  if (state === 'resolved') return 'resolution';
  return postedBefore === 0 ? 'initial' : 'update';
}

/**
 * What users see, by category, as a first draft in plain words: the responder edits it, but
 * never starts from a blank box. No internals (no metric names, no hostnames).
 */
export const SUGGESTED_USER_IMPACT: Record<Category, string> = {
  model: 'Some predictions may be less accurate than usual.',
  data: 'Some results may be based on incomplete or delayed data.',
  integration: 'Some results may be missing or arrive late.',
  infrastructure: 'Some requests may be slow or fail.',
  safety: 'Some responses may not meet our content standards.',
  retrieval: 'Some answers may draw on less relevant sources than usual.',
};

export const SUGGESTED_ACTIONS = 'We are investigating the cause and working to restore normal service.';

/** A first headline for readers outside the team: what is affected, never the detector's words. */
export const suggestedHeadline = (component: string | undefined): string =>
  component ? `Degraded results from ${component}` : 'Degraded results from one of our services';
