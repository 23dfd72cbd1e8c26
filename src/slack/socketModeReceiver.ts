import { SocketModeReceiver, ReceiverMultipleAckError, type App, type Logger as BoltLogger, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../shared/logger.js';
import { screenSlackRequest } from './requestEnvelope.js';
import { createHttpFetch } from './httpFetch.js';

export interface SocketModeOptions {
  /** The app-level token (xapp-..., scope connections:write). */
  appToken: string;
  /** Base URL of the Web API apps.connections.open is called on (the emulator's in tests). */
  slackApiUrl?: string;
  boltLogger: BoltLogger;
  logger: Logger;
  /** A request no listener has acked by then is acked empty, so Slack never shows a timeout. */
  answerByMs: number;
}

/**
 * Bolt's SocketModeReceiver, with the guarantees the HTTP receiver gives Vigil's listeners:
 * - every request is screened like a signed HTTP one (requestEnvelope.ts): one Bolt cannot read
 *   is acked and logged instead of failing inside Bolt, one of a kind Vigil never handles is acked;
 * - a second ack throws ReceiverMultipleAckError as over HTTP (Bolt's socket ack only logs), so
 *   answerUnanswered tells an acked request from one nobody answered;
 * - a request still unacked after `answerByMs` is acked empty, as the HTTP receiver answers 200.
 * Slack's connection is authenticated by the app token, so there is no signature to check.
 */
export class VigilSocketModeReceiver implements Receiver {
  private readonly inner: SocketModeReceiver;

  constructor(private readonly options: SocketModeOptions) {
    this.inner = new SocketModeReceiver({
      appToken: options.appToken,
      logger: options.boltLogger,
      // The Socket Mode client's own Web API calls (apps.connections.open) use Vigil's transport too.
      installerOptions: { clientOptions: { ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}), fetch: createHttpFetch() } },
      processEventErrorHandler: async ({ error }) => {
        options.logger.warn('slack: a Socket Mode request failed inside Bolt; acked so Slack does not resend it', { error: error.message });
        return true;
      },
    });
  }

  init(app: App): void {
    const processEvent = (event: ReceiverEvent): Promise<void> => this.process(app, event);
    // The inner receiver only ever calls processEvent on what it is given.
    this.inner.init({ processEvent } as unknown as App);
  }

  start(): Promise<unknown> {
    return this.inner.start();
  }

  stop(): Promise<unknown> {
    return this.inner.stop();
  }

  private async process(app: App, event: ReceiverEvent): Promise<void> {
    const ack = this.strictAck(event.ack);
    const screening = screenSlackRequest(JSON.stringify(event.body), 'application/json');
    if (screening.verdict === 'malformed') {
      this.options.logger.warn('slack: refused a Socket Mode request that is not a readable Slack request', { issues: screening.issues.slice(0, 5) });
      await ack();
      return;
    }
    if (screening.verdict === 'unhandled') {
      this.options.logger.info('slack: Vigil does not handle this kind of request; acked', { type: screening.type ?? null });
      await ack();
      return;
    }
    await app.processEvent({ ...event, ack });
  }

  private strictAck(send: ReceiverEvent['ack']): ReceiverEvent['ack'] {
    let acked = false;
    const timer = setTimeout(() => {
      if (acked) return;
      acked = true;
      this.options.logger.warn(`slack: no answer within ${this.options.answerByMs} ms; acked so Slack does not time out`);
      void send().catch((error: unknown) => this.options.logger.warn('slack: the late ack failed', { error: (error as Error).message }));
    }, this.options.answerByMs);
    timer.unref();
    return async (response?: unknown) => {
      if (acked) throw new ReceiverMultipleAckError();
      acked = true;
      clearTimeout(timer);
      await send(response);
    };
  }
}
