/**
 * Ephemeral replies the UI itself receives: the answer to a slash command (Slack shows it only
 * to the person who typed it) and posts to response_urls the UI handed out. Slack keeps neither
 * in the channel, so the emulator's workspace has no place for them; the UI keeps them here.
 */
import { isRecord } from '../args.js';
import type { Workspace } from '../state.js';
import type { UiEphemeral } from './render/types.js';

export interface ReplyTarget {
  user: string;
  channel: string;
}

const PREFIX = 'ui-';

export class UiReplies {
  private list: UiEphemeral[] = [];
  private readonly targets = new Map<string, ReplyTarget>();
  private counter = 0;

  get all(): readonly UiEphemeral[] {
    return this.list;
  }

  reset(): void {
    this.list = [];
    this.targets.clear();
  }

  /** Stores an answer if it shows anything (text or blocks); returns whether it did. */
  add(ws: Workspace, target: ReplyTarget, answer: unknown): boolean {
    if (!isRecord(answer)) return false;
    const text = typeof answer['text'] === 'string' ? answer['text'] : '';
    const blocks = Array.isArray(answer['blocks']) ? answer['blocks'] : [];
    if (text === '' && blocks.length === 0) return false;
    this.list.push({ ...target, ts: ws.clock.next(), text, blocks });
    return true;
  }

  /** A fresh response_url id, remembered so a later post to it reaches this person. */
  responseId(target: ReplyTarget): string {
    this.counter += 1;
    const id = `${PREFIX}${Date.now().toString(36)}-${this.counter}`;
    this.targets.set(`/response/${id}`, target);
    return id;
  }

  /** A post to a response_url; kept when it is one of ours and does not just delete the original. */
  noteResponse(ws: Workspace, path: string, body: unknown): void {
    const target = this.targets.get(path);
    if (!target || !isRecord(body)) return;
    if (body['delete_original'] === true || body['delete_original'] === 'true') return;
    this.add(ws, target, body);
  }
}
