import { VigilError } from '../shared/errors.js';

export const INCIDENT_STATES = ['triggered', 'acknowledged', 'investigating', 'mitigated', 'resolved'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

// Forward moves may skip steps (a responder can resolve straight from triggered); the only
// backward moves are a mitigation that did not hold and reopening a resolved incident.
const ALLOWED: Record<IncidentState, readonly IncidentState[]> = {
  triggered: ['acknowledged', 'investigating', 'mitigated', 'resolved'],
  acknowledged: ['investigating', 'mitigated', 'resolved'],
  investigating: ['mitigated', 'resolved'],
  mitigated: ['investigating', 'resolved'],
  resolved: ['investigating'],
};

export function canTransition(from: IncidentState, to: IncidentState): boolean {
  return ALLOWED[from].includes(to);
}

export function assertTransition(from: IncidentState, to: IncidentState): void {
  if (!canTransition(from, to)) {
    throw new VigilError('invalid_transition', `An incident that is ${from} cannot become ${to}.`);
  }
}

export const isOpen = (state: IncidentState): boolean => state !== 'resolved';

/** Acknowledged means a person owns it; every state after triggered implies that. */
export const isAcknowledgedState = (state: IncidentState): boolean => state !== 'triggered';
