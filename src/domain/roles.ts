// Incident roles: who runs the response, who keeps the record, who talks to stakeholders, and
// who leads the model investigation. One holder each, so everyone knows whom to ask.

export const INCIDENT_ROLES = ['commander', 'scribe', 'comms', 'ml-lead'] as const;
export type IncidentRole = (typeof INCIDENT_ROLES)[number];

/** How a role is named in Slack ("Take commander", "Commander: @ana"). */
export const ROLE_TITLES: Record<IncidentRole, string> = {
  commander: 'Commander',
  scribe: 'Scribe',
  comms: 'Comms',
  'ml-lead': 'ML lead',
};

/** What the holder does, as an instruction to them ("You are Commander: run the response..."). */
export const ROLE_DUTIES: Record<IncidentRole, string> = {
  commander: 'run the response and make the calls',
  scribe: 'keep the timeline: notes, decisions, pinned messages',
  comms: 'update stakeholders and customers',
  'ml-lead': 'lead the model and data investigation',
};

/** Other words people type for a role; nothing ambiguous ("lead" could be commander or ML lead). */
const ROLE_ALIASES: Readonly<Record<string, IncidentRole>> = {
  ic: 'commander',
  'incident-commander': 'commander',
  'note-taker': 'scribe',
  communications: 'comms',
  mllead: 'ml-lead',
  ml_lead: 'ml-lead',
};

/** A role from a command argument, case-insensitive; undefined when unknown. */
export function parseRole(text: string): IncidentRole | undefined {
  const word = text.trim().toLowerCase();
  if ((INCIDENT_ROLES as readonly string[]).includes(word)) return word as IncidentRole;
  return Object.hasOwn(ROLE_ALIASES, word) ? ROLE_ALIASES[word] : undefined;
}

export const isIncidentRole = (text: string): text is IncidentRole => (INCIDENT_ROLES as readonly string[]).includes(text);
