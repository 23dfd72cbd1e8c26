import type { App } from '@slack/bolt';
import type { ListenerDeps } from './listenerDeps.js';

/** Listeners for modals, shortcuts, runbooks, pins and the Home tab. */
export const SURFACE_LISTENERS: ReadonlyArray<(app: App, deps: ListenerDeps) => void> = [];
