import { describe, expect, it } from 'vitest';
import { INCIDENT_ROLES, ROLE_DUTIES, ROLE_TITLES, isIncidentRole, parseRole } from '../../src/domain/roles.js';

describe('parseRole', () => {
  it.each([
    ['commander', 'commander'],
    ['Commander', 'commander'],
    ['IC', 'commander'],
    ['scribe', 'scribe'],
    ['comms', 'comms'],
    ['communications', 'comms'],
    ['ml-lead', 'ml-lead'],
    ['ML_LEAD', 'ml-lead'],
    [' mllead ', 'ml-lead'],
  ])('%s -> %s', (input, expected) => {
    expect(parseRole(input)).toBe(expected);
  });

  it.each(['', 'lead', 'boss', 'constructor', 'toString', '__proto__'])('%s is not a role', (input) => {
    expect(parseRole(input)).toBeUndefined();
  });
});

describe('role vocabulary', () => {
  it('has a title and a duty for every role, and titles fit a button ("Take <title>")', () => {
    for (const role of INCIDENT_ROLES) {
      expect(ROLE_TITLES[role]).toBeTruthy();
      expect(ROLE_DUTIES[role]).toBeTruthy();
      expect(`Take ${ROLE_TITLES[role]}`.length).toBeLessThanOrEqual(75);
      expect(isIncidentRole(role)).toBe(true);
    }
    expect(isIncidentRole('owner')).toBe(false);
  });
});
