import { describe, expect, it } from 'vitest';
import type { IncidentRow, ModelDeploymentRow, OperatorActionRow } from '../../src/db/schema/index.js';
import { versionFacts, type Deployment } from '../../src/domain/modelVersions.js';
import type { OperatorActionStatus } from '../../src/domain/operatorActions.js';
import type { IncidentView } from '../../src/incidents/readModel.js';
import { ACTIONS } from '../../src/slack/blocks/actionIds.js';
import { modelVersionBlocks } from '../../src/slack/blocks/modelVersionBlocks.js';
import { actionAnsweredMessage, actionConfirmation, actionRequestedMessage, deploymentMessage } from '../../src/slack/blocks/operatorActionBlocks.js';
import { summaryBlocks } from '../../src/slack/blocks/summaryBlocks.js';
import { findButton } from '../support/harness.js';

// The model section, its buttons and the channel's messages about deployments and rollbacks, fed
// the longest and most hostile text a sender may send: within Slack's limits, and never markup.

const AT = new Date('2026-11-22T16:01:00Z');
const HOSTILE = '<!channel> <https://evil.example|click> & ```';
const long = (seed: string, n: number) => (seed + 'x'.repeat(n)).slice(0, n);
const MODEL = long(`model ${HOSTILE} `, 200);
const ENV = long(`env ${HOSTILE} `, 100);
const version = (name: string) => long(`${name} ${HOSTILE} `, 200);

const incident: IncidentRow = {
  id: 7, title: 'Accuracy down', description: null, severity: 'SEV2', category: 'model', status: 'acknowledged', isPrivate: false, customerImpact: null,
  modelName: MODEL, modelVersion: null, metric: { name: 'accuracy', value: 0.71, threshold: 0.85 }, signal: 'accuracy_drop', declaredBy: 'evidently',
  groupKey: null, escalationPolicy: {}, routedRotation: 'ml', channelId: 'C0INC7', channelName: 'inc-7', startedAt: AT, detectedAt: AT, declaredAt: AT,
  acknowledgedAt: AT, acknowledgedBy: 'U0MLPRIME', investigatingAt: null, mitigatedAt: null, reopenedAt: null, resolvedAt: null, resolvedBy: null,
  resolution: null, harmLevel: null, reviewDueAt: null, reviewCompletedAt: null, reviewReminder: null, reviewRemindedAt: null, lastAlertAt: null, updatedAt: AT,
};

const deployment = (id: number, name: string, at: string): Deployment => ({ id, model: MODEL, version: version(name), environment: ENV, deployedAt: new Date(at), by: long(`ci ${HOSTILE}`, 200), artifact: long(`sha256:${HOSTILE}`, 500) });
const HISTORY = [deployment(1, 'v13', '2026-11-01T00:00:00Z'), deployment(2, 'v14', '2026-11-10T00:00:00Z'), deployment(3, 'v15', '2026-11-22T12:00:00Z'), deployment(4, 'v16', '2026-11-22T16:00:00Z')];

function action(id: number, status: OperatorActionStatus, kind: 'rollback' | 'killSwitch' = 'rollback'): OperatorActionRow {
  return {
    id, incidentId: 7, action: kind, model: MODEL, environment: ENV, fromVersion: version('v16'), toVersion: kind === 'rollback' ? version('v15') : null, requestedBy: 'U0LEAD',
    confirmedAt: AT, via: 'button', idempotencyKey: 'k', body: '{}', url: 'https://deploy.internal/rollback', status, attempts: 3, sending: false,
    answerStatus: status === 'failed' ? null : 409, answerBody: long(`answer ${HOSTILE} `, 2000), error: status === 'failed' ? long(`ECONNRESET ${HOSTILE}`, 500) : null,
    answeredAt: AT, recoveryConfirmedBy: null, recoveryConfirmedAt: null,
  };
}

const versions = versionFacts({ model: MODEL, deployments: HISTORY, startedAt: new Date('2026-11-22T15:00:00Z'), alertVersion: version('v99'), alertEnvironment: null, accepted: [] });
const view: IncidentView = {
  incident,
  alerts: [],
  checklist: [],
  roles: [],
  model: { versions, actions: [action(3, 'pending'), action(2, 'failed', 'killSwitch'), action(1, 'refused')] },
};

/** Every text object in blocks, with where it sits. */
function texts(value: unknown, path = ''): Array<{ path: string; text: string }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => texts(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const own = typeof record['text'] === 'string' ? [{ path, text: record['text'] }] : [];
  return [...own, ...Object.entries(record).flatMap(([k, v]) => texts(v, `${path}.${k}`))];
}

function expectSafe(blocks: unknown[]): void {
  for (const { path, text } of texts(blocks)) {
    expect(text, path).not.toContain('<!channel>');
    expect(text, path).not.toContain('<https://evil');
    expect(text.length, path).toBeLessThanOrEqual(3000);
  }
}

describe('the model section and rollback messages with hostile, maximal input', () => {
  it('keeps the summary section, confirm dialogs and buttons within Slack\'s limits and escaped', () => {
    const blocks = modelVersionBlocks(view, ['rollback', 'killSwitch']);
    expectSafe(blocks);
    for (const id of [ACTIONS.rollback, ACTIONS.killSwitch]) {
      const button = findButton(blocks, id)!.element as { text: { text: string }; value: string; confirm: { title: { text: string }; text: { text: string }; confirm: { text: string } } };
      expect(button.text.text.length).toBeLessThanOrEqual(75);
      expect(button.value.length).toBeLessThanOrEqual(2000);
      expect(button.confirm.text.text.length).toBeLessThanOrEqual(300);
      expect(button.confirm.title.text.length).toBeLessThanOrEqual(100);
      expect(button.confirm.confirm.text.length).toBeLessThanOrEqual(30);
      // The value carries the names whole: the click is checked against them.
      expect(JSON.parse(button.value)).toMatchObject({ incidentId: 7, model: MODEL, environment: ENV });
    }
    expectSafe(summaryBlocks(view, ['rollback', 'killSwitch']));
  });

  it('keeps every channel message within limits and escaped, a hook\'s answer included', () => {
    for (const status of ['accepted', 'refused', 'failed', 'pending'] as const) {
      expectSafe(actionAnsweredMessage(action(1, status), view).blocks);
      expectSafe(actionRequestedMessage(action(1, status)).blocks);
    }
    const row: ModelDeploymentRow = {
      id: 4, model: MODEL, version: version('v16'), environment: ENV, deployedAt: AT, deployedBy: long(`ci ${HOSTILE}`, 200), artifact: long(HOSTILE, 500),
      notes: long(`notes ${HOSTILE}\n`, 5000), source: 'ci', receivedAt: AT, raw: {},
    };
    expectSafe(deploymentMessage(row, view).blocks);
    const confirmation = actionConfirmation('rollback', { incidentId: 7, model: MODEL, environment: ENV, from: version('v16'), to: version('v15'), via: 'command' });
    expectSafe(confirmation.blocks);
    expect((findButton(confirmation.blocks, ACTIONS.rollback)!.element as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(75);
  });

  it('offers no buttons on a resolved incident, nor for actions without a hook', () => {
    expect(findButton(modelVersionBlocks(view, []), ACTIONS.rollback)).toBeUndefined();
    expect(findButton(modelVersionBlocks(view, ['killSwitch']), ACTIONS.rollback)).toBeUndefined();
    expect(findButton(modelVersionBlocks(view, ['killSwitch']), ACTIONS.killSwitch)).toBeDefined();
    const resolved = { ...view, incident: { ...incident, status: 'resolved' as const } };
    expect(modelVersionBlocks(resolved, ['rollback', 'killSwitch']).some((b) => b.type === 'actions')).toBe(false);
  });
});
