// Action and callback ids: the contract between the blocks we post and the listeners that
// answer them. Keep both sides importing from here.

export const ACTIONS = {
  acknowledge: 'incident:acknowledge',
  escalate: 'incident:escalate',
  resolve: 'incident:resolve',
  claimRole: 'incident:claim-role',
  showRunbook: 'incident:runbook',
  checklistToggle: 'checklist:toggle',
  draftUpdate: 'update:draft',
  approveUpdate: 'update:approve',
  editUpdate: 'update:edit',
  snoozeUpdates: 'update:snooze',
  compileReview: 'review:compile',
  actionItemToggle: 'action-item:toggle',
  rollback: 'model:rollback',
  killSwitch: 'model:kill-switch',
  confirmRecovery: 'model:confirm-recovery',
} as const;

/** Roll back / Disable model: what the confirmation named, checked again when it is clicked. */
export interface OperatorActionValue {
  incidentId: number;
  model: string;
  environment: string;
  from: string | null;
  /** The rollback's target; null for the kill switch. */
  to: string | null;
  /** Set on the confirmation `/incident rollback` answers with; the summary's buttons are `button`. */
  via?: 'command';
}

/** The Recovered button under an accepted rollback. */
export interface ConfirmRecoveryValue {
  actionId: number;
}

/** The Draft update button's value: the incident and, from an approval message, the audience. */
export interface DraftUpdateValue {
  incidentId: number;
  audience?: string;
}

/** A Snooze button: one per length, so the action ids stay unique within the message. */
export const snoozeActionId = (minutes: number): string => `${ACTIONS.snoozeUpdates}:${minutes}`;
export const SNOOZE_ACTION_PATTERN = /^update:snooze:/;

/** A Snooze button's value: the incident and for how long. */
export interface SnoozeValue {
  incidentId: number;
  minutes: number;
}

/** One checklist item's button: the action id must be unique within the message. */
export const checklistActionId = (itemId: string): string => `${ACTIONS.checklistToggle}:${itemId}`;
export const CHECKLIST_ACTION_PATTERN = /^checklist:toggle:/;

export interface ChecklistActionValue {
  incidentId: number;
  itemId: string;
  done: boolean;
}

export const encodeChecklistValue = (value: ChecklistActionValue): string => JSON.stringify(value);

/** A "Take <role>" button on the summary: one per role, so the action ids stay unique. */
export const claimRoleActionId = (role: string): string => `${ACTIONS.claimRole}:${role}`;
export const CLAIM_ROLE_ACTION_PATTERN = /^incident:claim-role:/;
/** The button's value: `<incidentId>:<role>`. */
export const encodeClaimRoleValue = (incidentId: number, role: string): string => `${incidentId}:${role}`;

/** An action item's Done or Undo button: one per item, so the action ids stay unique in a list. */
export const actionItemActionId = (itemId: number): string => `${ACTIONS.actionItemToggle}:${itemId}`;
export const ACTION_ITEM_ACTION_PATTERN = /^action-item:toggle:/;

/**
 * The button's value: the item and the state asked for. `list` is set on the ephemeral list of
 * `/incident actions` (`open`, or `all` with recently done ones), which the click re-renders.
 */
export interface ActionItemValue {
  itemId: number;
  done: boolean;
  list?: 'open' | 'all';
}

export const encodeActionItemValue = (value: ActionItemValue): string => JSON.stringify(value);
