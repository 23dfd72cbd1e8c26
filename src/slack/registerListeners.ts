import type { App } from '@slack/bolt';
import type { ListenerDeps } from './listeners/listenerDeps.js';
import { registerIncidentCommand } from './listeners/commands/incidentCommand.js';
import { registerChecklistToggle } from './listeners/actions/checklistToggle.js';
import { registerAcknowledgeButton } from './listeners/actions/acknowledgeButton.js';
import { registerEscalateButton } from './listeners/actions/escalateButton.js';
import { LIFECYCLE_LISTENERS } from './listeners/lifecycleListeners.js';
import { SURFACE_LISTENERS } from './listeners/surfaceListeners.js';

/** Everything Vigil answers in Slack, on one screen. */
export const LISTENERS: ReadonlyArray<(app: App, deps: ListenerDeps) => void> = [
  registerIncidentCommand,
  registerChecklistToggle,
  registerAcknowledgeButton,
  registerEscalateButton,
  ...LIFECYCLE_LISTENERS,
  ...SURFACE_LISTENERS,
];

export function registerListeners(app: App, deps: ListenerDeps): void {
  for (const register of LISTENERS) register(app, deps);
}
