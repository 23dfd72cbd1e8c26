import { describe, expect, it } from 'vitest';
import { assertTransition, canTransition, INCIDENT_STATES, isAcknowledgedState } from '../../src/domain/lifecycle.js';
import { mostSevere } from '../../src/domain/severity.js';
import { isPermitted } from '../../src/domain/permissions.js';

describe('incident lifecycle', () => {
  it('moves forward, possibly skipping steps', () => {
    expect(canTransition('triggered', 'acknowledged')).toBe(true);
    expect(canTransition('triggered', 'resolved')).toBe(true);
    expect(canTransition('acknowledged', 'mitigated')).toBe(true);
  });

  it('goes back only from mitigated (the fix did not hold) and from resolved (reopen)', () => {
    expect(canTransition('mitigated', 'investigating')).toBe(true);
    expect(canTransition('resolved', 'investigating')).toBe(true);
    expect(canTransition('investigating', 'acknowledged')).toBe(false);
    expect(canTransition('resolved', 'triggered')).toBe(false);
    expect(() => assertTransition('resolved', 'mitigated')).toThrow('An incident that is resolved cannot become mitigated.');
  });

  it('never transitions to the state it is in', () => {
    for (const state of INCIDENT_STATES) expect(canTransition(state, state)).toBe(false);
  });

  it('counts every state after triggered as acknowledged', () => {
    expect(INCIDENT_STATES.filter(isAcknowledgedState)).toEqual(['acknowledged', 'investigating', 'mitigated', 'resolved']);
  });
});

describe('severity and permissions', () => {
  it('picks the most severe of a group', () => {
    expect(mostSevere(['SEV3', 'SEV1', 'SEV4'])).toBe('SEV1');
    expect(mostSevere([])).toBe('SEV4');
  });

  it('permits by user id, user group or anyone', () => {
    expect(isPermitted(['anyone'], 'U1')).toBe(true);
    expect(isPermitted(['U1'], 'U1')).toBe(true);
    expect(isPermitted(['S0LEADS'], 'U2', ['S0LEADS'])).toBe(true);
    expect(isPermitted(['U1', 'S0LEADS'], 'U2', ['S0OTHER'])).toBe(false);
  });
});
