import type {
  AllMiddlewareArgs,
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

/** What listeners get: the use cases' context and a logger. Slack's client comes with each request. */
export interface ListenerDeps {
  ctx: UseCaseContext;
  logger: Logger;
}

type Handler<Args> = (args: Args & AllMiddlewareArgs, deps: ListenerDeps) => Promise<void>;

/**
 * One thing Vigil answers in Slack: what it answers (so a test can check every id we post has
 * one) and how. Listeners never call `app.*` themselves: registerListeners.ts does, one way.
 */
export type Listener =
  | { kind: 'command'; command: string; handle: Handler<SlackCommandMiddlewareArgs> }
  /** A button; a pattern when the blocks make one action id per item (`checklist:toggle:<item>`). */
  | { kind: 'action'; actionId: string | RegExp; handle: Handler<SlackActionMiddlewareArgs<BlockButtonAction>> }
  | { kind: 'view'; callbackId: string; handle: Handler<SlackViewMiddlewareArgs<ViewSubmitAction>> }
  | { kind: 'shortcut'; callbackId: string; handle: Handler<SlackShortcutMiddlewareArgs<MessageShortcut>> }
  | { kind: 'event'; event: string; handle: Handler<SlackEventMiddlewareArgs> };
