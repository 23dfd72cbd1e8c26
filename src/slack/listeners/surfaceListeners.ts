import type { App } from '@slack/bolt';
import type { ListenerDeps } from './listenerDeps.js';
import { registerDeclareSubmission } from './views/declareSubmission.js';
import { registerResolveSubmission } from './views/resolveSubmission.js';
import { registerResolveButton } from './actions/resolveButton.js';
import { registerRunbookButton } from './actions/runbookButton.js';
import { registerAddToTimelineShortcut } from './shortcuts/addToTimeline.js';
import { registerPinAdded } from './events/pinAdded.js';
import { registerPushpinReaction } from './events/pushpinReaction.js';
import { registerAppHomeOpened } from './events/appHomeOpened.js';

/** Listeners for modals, shortcuts, runbooks, pins and the Home tab. */
export const SURFACE_LISTENERS: ReadonlyArray<(app: App, deps: ListenerDeps) => void> = [
  registerDeclareSubmission,
  registerResolveSubmission,
  registerResolveButton,
  registerRunbookButton,
  registerAddToTimelineShortcut,
  registerPinAdded,
  registerPushpinReaction,
  registerAppHomeOpened,
];
