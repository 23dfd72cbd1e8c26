/**
 * The web UI's HTTP routes on the emulator's server:
 *   GET  /               the page
 *   GET  /ui/state.json  what it draws
 *   POST /ui/command     { user, channel, text }       → the app's answer to the slash command
 *   POST /ui/click       { user, channel, ts, actionId } → the app's answer to block_actions
 *   POST /ui/submit      { user, viewId, values }      → the app's answer to view_submission
 *   POST /ui/close       { user, viewId }
 *   POST /ui/message     { user, channel, text }       a message from the person (no app request)
 *   POST /ui/react       { user, channel, ts, name }   → reaction_added
 *   POST /ui/pin         { user, channel, ts }         → pin_added
 *   POST /ui/shortcut    { user, channel, ts, callbackId } → message_action
 *   POST /ui/home        { user }                      → app_home_opened
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { readBody, sendJson, sendText } from '../http.js';
import { clickInput, runClick } from './clickAction.js';
import { commandInput, runCommand } from './commandAction.js';
import type { UiAnswer, UiContext } from './context.js';
import { homeInput, messageInput, pinInput, reactInput, runHome, runMessage, runPin, runReact, runShortcut, shortcutInput } from './messageActions.js';
import { closeInput, runClose, runSubmit, submitInput } from './modalActions.js';
import { pageHtml } from './page.js';
import type { UiState } from './render/types.js';

export interface UiRoutes extends UiContext {
  state(): UiState;
}

/** Whether this path belongs to the UI (the emulator routes everything else itself). */
export const isUiPath = (path: string): boolean => path === '/' || path.startsWith('/ui/');

function sendPage(res: ServerResponse, html: string, nonce: string): void {
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
    // Message text is hostile: even if escaping failed somewhere, an injected script would not run.
    'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'`,
  });
  res.end(html);
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const raw = (await readBody(req)).toString('utf8');
  try {
    return raw === '' ? {} : (JSON.parse(raw) as unknown);
  } catch {
    return undefined;
  }
}

/** Parses the body with `schema`, runs `action`, and answers with what it returned. */
async function post<S extends z.ZodType>(
  req: IncomingMessage,
  res: ServerResponse,
  schema: S,
  action: (input: z.infer<S>) => UiAnswer | Promise<UiAnswer>,
): Promise<void> {
  const parsed = schema.safeParse(await jsonBody(req));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return sendJson(res, 400, { error: 'invalid_request', message: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid JSON'}` });
  }
  const answer = await action(parsed.data);
  sendJson(res, answer.status, answer.body ?? {});
}

export async function serveUi(ui: UiRoutes, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  if (method === 'GET' && path === '/') {
    const nonce = randomBytes(16).toString('base64');
    return sendPage(res, pageHtml(ui.state(), nonce), nonce);
  }
  if (method === 'GET' && path === '/ui/state.json') return sendJson(res, 200, ui.state(), { 'cache-control': 'no-store' });
  if (method === 'POST' && path === '/ui/command') return post(req, res, commandInput, (input) => runCommand(ui, input));
  if (method === 'POST' && path === '/ui/click') return post(req, res, clickInput, (input) => runClick(ui, input));
  if (method === 'POST' && path === '/ui/submit') return post(req, res, submitInput, (input) => runSubmit(ui, input));
  if (method === 'POST' && path === '/ui/close') return post(req, res, closeInput, (input) => runClose(ui, input));
  if (method === 'POST' && path === '/ui/message') return post(req, res, messageInput, (input) => runMessage(ui, input));
  if (method === 'POST' && path === '/ui/react') return post(req, res, reactInput, (input) => runReact(ui, input));
  if (method === 'POST' && path === '/ui/pin') return post(req, res, pinInput, (input) => runPin(ui, input));
  if (method === 'POST' && path === '/ui/shortcut') return post(req, res, shortcutInput, (input) => runShortcut(ui, input));
  if (method === 'POST' && path === '/ui/home') return post(req, res, homeInput, (input) => runHome(ui, input));
  sendText(res, 404, 'not found\n');
}
