import type { App } from '@slack/bolt';
import { ACTION_LISTENERS } from './listeners/actions.js';
import { COMMAND_LISTENERS } from './listeners/commands.js';
import { EVENT_LISTENERS } from './listeners/events.js';
import { registerListener, type Listener, type ListenerDeps } from './listeners/listener.js';
import { SHORTCUT_LISTENERS } from './listeners/shortcuts.js';
import { VIEW_LISTENERS } from './listeners/views.js';

/**
 * Everything Vigil answers in Slack, one list: the slash command, the buttons, the forms, the
 * message shortcut and the events. A test checks every id the blocks post has a listener here.
 */
export const LISTENERS: readonly Listener[] = [...COMMAND_LISTENERS, ...ACTION_LISTENERS, ...VIEW_LISTENERS, ...SHORTCUT_LISTENERS, ...EVENT_LISTENERS];

export function registerListeners(app: App, deps: ListenerDeps): void {
  for (const listener of LISTENERS) registerListener(app, listener, deps);
}
