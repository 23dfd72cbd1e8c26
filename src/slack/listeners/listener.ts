import type {
  AllMiddlewareArgs,
  App,
  BlockButtonAction,
  MessageShortcut,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { UseCaseContext } from '../../incidents/context.js';
import type { Logger } from '../../shared/logger.js';
import { markHandled } from '../answerUnanswered.js';

/** What listeners get: the use cases' context and a logger. Slack's client comes with each request. */
export interface ListenerDeps {
  ctx: UseCaseContext;
  logger: Logger;
}

type Handler<Args> = (args: Args & AllMiddlewareArgs, deps: ListenerDeps) => Promise<void>;

/**
 * One thing Vigil answers in Slack: what it answers (so a test can check every id we post has
 * one) and how. Listeners never call `app.*` themselves; `registerListener` does, the one way.
 */
export type Listener =
  | { kind: 'command'; command: string; handle: Handler<SlackCommandMiddlewareArgs> }
  /** A button; a pattern when the blocks make one action id per item (`checklist:toggle:<item>`). */
  | { kind: 'action'; actionId: string | RegExp; handle: Handler<SlackActionMiddlewareArgs<BlockButtonAction>> }
  | { kind: 'view'; callbackId: string; handle: Handler<SlackViewMiddlewareArgs<ViewSubmitAction>> }
  | { kind: 'shortcut'; callbackId: string; handle: Handler<SlackShortcutMiddlewareArgs<MessageShortcut>> }
  /** Events are acked by Bolt before any listener runs; `markHandled` tells answerUnanswered so. */
  | { kind: 'event'; event: string; handle: Handler<SlackEventMiddlewareArgs> };

export function registerListener(app: App, listener: Listener, deps: ListenerDeps): void {
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
      app.event(listener.event, markHandled, (args) => listener.handle(args, deps));
      return;
  }
}
