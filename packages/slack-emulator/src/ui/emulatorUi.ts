/** The web UI mounted in the emulator: its memory (app link, replies, modals) and its routes. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppConnection } from './appLink.js';
import type { UiHost } from './host.js';
import { ModalTracker } from './modals.js';
import type { UiState } from './render/types.js';
import { UiReplies } from './replies.js';
import { serveUi, type UiRoutes } from './routes.js';
import { buildUiState } from './uiState.js';

export class EmulatorUi implements UiRoutes {
  readonly replies = new UiReplies();
  readonly modals = new ModalTracker();
  private connection: AppConnection | undefined;

  constructor(readonly host: UiHost) {}

  get app(): AppConnection | undefined {
    return this.connection;
  }

  connect(app: AppConnection): void {
    // Validated here so a typo fails at start-up, not at the first click.
    new URL(app.eventsUrl);
    if (app.signingSecret === '') throw new Error('connectApp: signingSecret must not be empty');
    this.connection = { ...app };
  }

  /** Forget what the UI remembered about channels and views; the app stays connected. */
  reset(): void {
    this.replies.reset();
    this.modals.reset();
  }

  noteResponse(path: string, body: unknown): void {
    this.replies.noteResponse(this.host.ws, path, body);
  }

  state(): UiState {
    return buildUiState(this.host.ws, { appConnected: this.connection !== undefined, replies: this.replies, modals: this.modals });
  }

  serve(path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    return serveUi(this, path, req, res);
  }
}
