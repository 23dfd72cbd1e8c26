/** What the web UI needs from the emulator it is mounted in. */
import type { SocketModeHub } from '../socketMode.js';
import type { Workspace } from '../state.js';

export interface UiHost {
  readonly ws: Workspace;
  /** A trigger_id that views.open attributes to this user. */
  newTriggerId(userId: string): string;
  /** A response_url whose posts the emulator records under `/response/<id>`. */
  responseUrl(id: string): string;
  /** One line (and its body) in the terminal, like every other Slack effect. */
  say(head: string, body?: string[]): void;
  /** The app's Socket Mode connection, when it opened one. */
  readonly socketMode: SocketModeHub;
}
