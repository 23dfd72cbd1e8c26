import type { App, BlockButtonAction, MessageShortcut, ViewSubmitAction } from '@slack/bolt';
import { markHandled } from './answerUnanswered.js';
import { ACTION_LISTENERS } from './listeners/actions.js';
import { ACTION_ITEM_LISTENERS } from './listeners/actionItems.js';
import { COMMAND_LISTENERS } from './listeners/commands.js';
import { EVENT_LISTENERS } from './listeners/events.js';
import type { Listener, ListenerDeps } from './listeners/listener.js';
import { SHORTCUT_LISTENERS } from './listeners/shortcuts.js';
import { VIEW_LISTENERS } from './listeners/views.js';
import { UPDATE_LISTENERS } from './listeners/updates.js';
import { ROLLBACK_LISTENERS } from './listeners/rollback.js';

/**
 * Everything Vigil answers in Slack, one list: the slash command, the buttons, the forms, the
 * message shortcut and the events. A test checks every id the blocks post has a listener here.
 */
export const LISTENERS: readonly Listener[] = [...COMMAND_LISTENERS, ...ACTION_LISTENERS, ...ACTION_ITEM_LISTENERS, ...ROLLBACK_LISTENERS, ...VIEW_LISTENERS, ...UPDATE_LISTENERS, ...SHORTCUT_LISTENERS, ...EVENT_LISTENERS];

/** The one way a listener reaches Bolt, so what a listener says it answers is what it answers. */
function registerListener(app: App, listener: Listener, deps: ListenerDeps): void {
  switch (listener.kind) {
    case 'command':
      app.command(listener.command, (args) => listener.handle(args, deps));
      return;
    case 'action':
      app.action<BlockButtonAction>({ type: 'block_actions', action_id: listener.actionId }, (args) => listener.handle(args, deps));
      return;
    case 'view':
      app.view<ViewSubmitAction>({ callback_id: listener.callbackId, type: 'view_submission' }, (args) => listener.handle(args, deps));
      return;
    case 'shortcut':
      app.shortcut<MessageShortcut>({ callback_id: listener.callbackId, type: 'message_action' }, (args) => listener.handle(args, deps));
      return;
    case 'event':
      // Bolt acks an event before any listener runs; markHandled tells answerUnanswered so.
      app.event(listener.event, markHandled, (args) => listener.handle(args, deps));
      return;
  }
}

export function registerListeners(app: App, deps: ListenerDeps): void {
  for (const listener of LISTENERS) registerListener(app, listener, deps);
}
