/** The web UI mounted in the emulator: its memory (app link, replies, modals) and its routes. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { appLink, type AppConnection, type AppLink } from './appLink.js';
import type { AppProfile } from './appProfile.js';
import type { UiHost } from './host.js';
import { ModalTracker } from './modals.js';
import type { UiState } from './render/types.js';
import { UiReplies } from './replies.js';
import { serveUi, type UiRoutes } from './routes.js';
import { buildUiState } from './uiState.js';

export class EmulatorUi implements UiRoutes {
  readonly replies = new UiReplies();
  readonly modals = new ModalTracker();
  private link: AppLink | undefined;
  private about: AppProfile = {};

  constructor(readonly host: UiHost) {}

  get app(): AppLink | undefined {
    return this.link;
  }

  get profile(): AppProfile {
    return this.about;
  }

  connect(app: AppConnection, profile: AppProfile): void {
    this.link = appLink(app, this.host.socketMode);
    this.about = { ...profile };
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
    return buildUiState(this.host.ws, { appConnected: this.link !== undefined, profile: this.about, replies: this.replies, modals: this.modals });
  }

  serve(path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    return serveUi(this, path, req, res);
  }
}
