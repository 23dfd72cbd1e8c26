import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INCIDENT_ROLES } from '../../src/domain/roles.js';
import { ACTIONS, actionItemActionId, checklistActionId, claimRoleActionId, snoozeActionId } from '../../src/slack/blocks/actionIds.js';
import { SHORTCUTS, VIEWS } from '../../src/slack/blocks/callbackIds.js';
import { LISTENERS } from '../../src/slack/registerListeners.js';

/** Every action id the blocks post: the fixed ones, and one per item where the blocks make one per item. */
const POSTED_ACTION_IDS = [
  ACTIONS.acknowledge,
  ACTIONS.escalate,
  ACTIONS.resolve,
  ACTIONS.showRunbook,
  ...INCIDENT_ROLES.map(claimRoleActionId),
  checklistActionId('step-1'),
  ACTIONS.draftUpdate,
  ACTIONS.compileReview,
  ACTIONS.approveUpdate,
  ACTIONS.editUpdate,
  snoozeActionId(15),
  snoozeActionId(30),
  actionItemActionId(7),
  ACTIONS.rollback,
  ACTIONS.killSwitch,
  ACTIONS.confirmRecovery,
];

const actionListeners = LISTENERS.flatMap((l) => (l.kind === 'action' ? [l.actionId] : []));
const matches = (id: string | RegExp, posted: string): boolean => (typeof id === 'string' ? id === posted : id.test(posted));

describe('the listener registry', () => {
  it('knows every action id in actionIds.ts (a new one must be added above, and answered)', () => {
    for (const id of Object.values(ACTIONS)) expect(POSTED_ACTION_IDS.some((posted) => posted === id || posted.startsWith(`${id}:`)), id).toBe(true);
  });

  it('answers every button the blocks post with exactly one listener', () => {
    for (const posted of POSTED_ACTION_IDS) expect(actionListeners.filter((id) => matches(id, posted)), posted).toHaveLength(1);
  });

  it('has no action listener for a button nobody posts', () => {
    for (const id of actionListeners) expect(POSTED_ACTION_IDS.some((posted) => matches(id, posted)), String(id)).toBe(true);
  });

  it('answers every form and shortcut with exactly one listener, and nothing else', () => {
    const views = LISTENERS.flatMap((l) => (l.kind === 'view' ? [l.callbackId] : []));
    const shortcuts = LISTENERS.flatMap((l) => (l.kind === 'shortcut' ? [l.callbackId] : []));
    expect([...views].sort()).toEqual(Object.values(VIEWS).sort());
    expect([...shortcuts].sort()).toEqual(Object.values(SHORTCUTS).sort());
  });

  it('lists each command and event once', () => {
    const keys = LISTENERS.flatMap((l) => (l.kind === 'command' ? [`command ${l.command}`] : l.kind === 'event' ? [`event ${l.event}`] : []));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('block builders take action and callback ids only from actionIds.ts and callbackIds.ts', () => {
    const dir = path.resolve(import.meta.dirname, '../../src/slack/blocks');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'limits.ts')) {
      const source = readFileSync(path.join(dir, file), 'utf8');
      for (const [, expression] of source.matchAll(/action_id: ([^,}\s]+)/g)) {
        // `field`: a form input, named by its field and read back on submission, not a listener.
        expect(expression, `${file}: action_id: ${expression}`).toMatch(/^(ACTIONS\.\w+|checklistActionId\(|claimRoleActionId\(|snoozeActionId\(|actionItemActionId\(|field$)/);
      }
      for (const [, expression] of source.matchAll(/callback_id: ([^,}\s]+)/g)) expect(expression, `${file}: callback_id: ${expression}`).toMatch(/^(VIEWS|SHORTCUTS)\.\w+/);
    }
  });
});
