import { describe, expect, it } from 'vitest';
import { versionFacts, type AcceptedAction, type Deployment, type VersionInputs } from '../../src/domain/modelVersions.js';

let nextId = 1;
const d = (version: string, at: string, environment = 'production', by = 'ci-bot'): Deployment => ({
  id: nextId++,
  model: 'fraud-detector',
  version,
  environment,
  deployedAt: new Date(at),
  by,
  artifact: `sha256:${version}`,
});

const START = '2026-11-22T15:00:00Z';
const facts = (deployments: Deployment[], extra: Partial<VersionInputs> = {}) =>
  versionFacts({ model: 'fraud-detector', deployments, startedAt: new Date(START), alertVersion: null, alertEnvironment: null, accepted: [], ...extra });

const HISTORY = [d('v13', '2026-11-01T09:00:00Z'), d('v14', '2026-11-10T09:00:00Z'), d('v15', '2026-11-22T12:00:00Z')];

describe('the versions of an incident', () => {
  it('is the version live when the first signal started and the one deployed before it', () => {
    const v = facts(HISTORY);
    expect(v.version).toBe('v15');
    expect(v.liveAtStart?.version).toBe('v15');
    expect(v.previous?.version).toBe('v14');
    expect(v.disagreement).toBe(false);
    expect(v.rollbackTarget).toEqual({ environment: 'production', from: 'v15', to: 'v14' });
  });

  it('reads the order of deployments whatever order they arrived in, and skips a redeploy of the same version', () => {
    const redeployed = [d('v15', '2026-11-22T13:00:00Z'), ...HISTORY].reverse();
    const v = facts(redeployed);
    expect(v.liveAtStart?.deployedAt.toISOString()).toBe('2026-11-22T13:00:00.000Z');
    expect(v.previous?.version).toBe('v14');
  });

  it('does not count a deployment after the first signal as live at the start, but shows it since, and live now', () => {
    const v = facts([...HISTORY, d('v16', '2026-11-22T15:30:00Z')]);
    expect(v.version).toBe('v15');
    expect(v.since.map((x) => x.version)).toEqual(['v16']);
    expect(v.now).toMatchObject({ version: 'v16', via: 'deployment' });
    expect(v.rollbackTarget).toEqual({ environment: 'production', from: 'v16', to: 'v15' });
  });

  it('lets the alert\'s own version win, and says when the history disagrees', () => {
    const known = facts(HISTORY, { alertVersion: 'v14' });
    expect(known).toMatchObject({ version: 'v14', disagreement: true });
    expect(known.liveAtStart?.version).toBe('v15');
    // v14 is in the history: the one before it is v13.
    expect(known.previous?.version).toBe('v13');
    const unknown = facts(HISTORY, { alertVersion: 'v16' });
    expect(unknown).toMatchObject({ version: 'v16', disagreement: true });
    // Never reported: the history's live version is the best word for what came before.
    expect(unknown.previous?.version).toBe('v15');
    expect(facts(HISTORY, { alertVersion: 'v15' }).disagreement).toBe(false);
  });

  it('reads any environment unless the alert names one', () => {
    const staging = d('v20', '2026-11-22T14:00:00Z', 'staging');
    expect(facts([...HISTORY, staging]).version).toBe('v20');
    const named = facts([...HISTORY, staging], { alertEnvironment: 'production' });
    expect(named.version).toBe('v15');
    expect(named.environment).toBe('production');
    expect(facts([...HISTORY, staging], { alertEnvironment: 'eu-west' })).toMatchObject({ version: null, liveAtStart: null, environment: 'eu-west', rollbackTarget: null });
  });

  it('counts an accepted rollback or kill switch as what is live, until a later deployment', () => {
    const rolledBack: AcceptedAction = { action: 'rollback', environment: 'production', to: 'v14', at: new Date('2026-11-22T16:00:00Z'), by: 'U0LEAD' };
    const v = facts(HISTORY, { accepted: [rolledBack] });
    expect(v.now).toMatchObject({ version: 'v14', via: 'rollback', by: 'U0LEAD' });
    expect(v.now.deployment?.artifact).toBe('sha256:v14');
    expect(v.version).toBe('v15');
    expect(v.rollbackTarget).toEqual({ environment: 'production', from: 'v14', to: 'v13' });

    const killed: AcceptedAction = { action: 'killSwitch', environment: 'production', to: null, at: new Date('2026-11-22T16:10:00Z'), by: 'U0LEAD' };
    expect(facts(HISTORY, { accepted: [rolledBack, killed] }).now).toMatchObject({ version: null, via: 'killSwitch' });
    // A rollback in another environment changes nothing here.
    expect(facts(HISTORY, { accepted: [{ ...rolledBack, environment: 'staging' }] }).now).toMatchObject({ version: 'v15', via: 'deployment' });
    const redeployed = facts([...HISTORY, d('v16', '2026-11-22T16:30:00Z')], { accepted: [rolledBack, killed] });
    expect(redeployed.now).toMatchObject({ version: 'v16', via: 'deployment' });
  });

  it('without any history, is what the alert said, with nothing to roll back to', () => {
    const v = facts([], { alertVersion: 'v15' });
    expect(v).toMatchObject({ version: 'v15', liveAtStart: null, previous: null, disagreement: false, environment: null, rollbackTarget: null });
    expect(v.now).toMatchObject({ version: 'v15', via: 'alert' });
  });

  it('offers no rollback when nothing older is known', () => {
    expect(facts([d('v1', '2026-11-01T09:00:00Z')]).rollbackTarget).toBeNull();
  });
});
