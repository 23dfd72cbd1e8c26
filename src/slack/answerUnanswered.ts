import { ErrorCode, type AnyMiddlewareArgs, type Middleware } from '@slack/bolt';
import type { Logger } from '../shared/logger.js';

const HANDLED = 'vigilListenerMatched';

/**
 * Listener middleware for event listeners: says a listener took the event, so that an event no
 * listener takes is logged. (Events are acked by Bolt before any listener runs; everything else
 * is found out by its ack, below.)
 */
export const markHandled: Middleware<AnyMiddlewareArgs> = async ({ context, next }) => {
  context[HANDLED] = true;
  await next();
};

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value.slice(0, 100) : undefined);
const field = (value: unknown, key: string): unknown => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined);

/** What a request asked for, in a few words, for the log line of one nobody answered. */
function describe(body: unknown): Record<string, string | undefined> {
  const actions = field(body, 'actions');
  return {
    type: text(field(body, 'type')),
    command: text(field(body, 'command')),
    event: text(field(field(body, 'event'), 'type')),
    actionId: text(field(Array.isArray(actions) ? actions[0] : undefined, 'action_id')),
    callbackId: text(field(body, 'callback_id')) ?? text(field(field(body, 'view'), 'callback_id')),
  };
}

/**
 * Global middleware: once every listener has run, a request none of them acknowledged (an
 * action id, callback id or command Vigil has no listener for, or a listener that failed before
 * its ack) is answered 200 at once and logged, instead of Bolt waiting 3 s and answering 404.
 * By then nothing can still ack it: with processBeforeResponse off, `next()` resolves only when
 * the listeners are done.
 */
export function answerUnanswered(logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    let failed = false;
    try {
      await args.next();
    } catch (error) {
      failed = true;
      throw error; // Bolt hands it to app.error, which logs it
    } finally {
      if ('ack' in args && typeof args.ack === 'function') {
        if (await ackIfNobodyDid(args.ack as () => Promise<void>)) {
          if (failed) logger.warn('slack: a listener failed before answering; answered 200', describe(args.body));
          else logger.info('slack: no listener answered this request; Vigil does not handle it (answered 200)', describe(args.body));
        }
      } else if (args.context[HANDLED] !== true) {
        logger.info('slack: no listener for this event; Vigil does not handle it', describe(args.body));
      }
    }
  };
}

/** True when this call answered the request; false when a listener had already. */
async function ackIfNobodyDid(ack: () => Promise<void>): Promise<boolean> {
  try {
    await ack();
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    // Acked by a listener (the usual case), or answered by the receiver's 3-second safety net.
    if (code === ErrorCode.ReceiverMultipleAckError || code === 'ERR_HTTP_HEADERS_SENT') return false;
    throw error;
  }
}
