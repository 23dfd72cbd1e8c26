import { parse as parseQueryString } from 'node:querystring';
import { z } from 'zod';

// What every Slack request of a kind always carries, as Slack documents it: the least Bolt needs
// to route it and a listener needs to answer it (who, where, which action, which view). Checked
// on verified requests before Bolt sees them, since Bolt reads these fields unguarded and a
// missing `user` or `view` ends in a 500, and a body of no known type in a 3-second wait.

const id = z.string().min(1);
const person = z.looseObject({ id });
/** Bolt reads `channel.id` and `item.channel` with the `in` operator, which throws on null or a string. */
const record = z.looseObject({});

const blockActions = z.looseObject({
  type: z.literal('block_actions'),
  user: person,
  actions: z.array(z.looseObject({ action_id: id })).min(1),
  channel: record.nullish(),
  container: record.nullish(),
});

const view = z.looseObject({ callback_id: z.string(), private_metadata: z.string().optional() });

const viewSubmission = z.looseObject({
  type: z.literal('view_submission'),
  user: person,
  view: view.extend({ state: z.looseObject({ values: z.record(z.string(), z.unknown()) }) }),
});

const viewClosed = z.looseObject({ type: z.literal('view_closed'), user: person, view });

const globalShortcut = z.looseObject({ type: z.literal('shortcut'), user: person, callback_id: z.string() });

const messageShortcut = z.looseObject({
  type: z.literal('message_action'),
  user: person,
  callback_id: z.string(),
  channel: z.looseObject({ id }),
  message: z.looseObject({ ts: id }),
});

const eventCallback = z.looseObject({
  type: z.literal('event_callback'),
  event_id: id,
  event: z.looseObject({
    type: id,
    user: z.union([z.string(), person]).optional(),
    channel: z.union([z.string(), record]).optional(),
    item: record.optional(),
  }),
});

const urlVerification = z.looseObject({ type: z.literal('url_verification'), challenge: z.string() });

/** Slash commands are a flat form, told apart by `command` rather than `type`. */
const slashCommand = z.looseObject({ command: z.string().startsWith('/'), text: z.string(), user_id: id, channel_id: id });

const ENVELOPES: Record<string, z.ZodType> = {
  block_actions: blockActions,
  view_submission: viewSubmission,
  view_closed: viewClosed,
  shortcut: globalShortcut,
  message_action: messageShortcut,
  event_callback: eventCallback,
  url_verification: urlVerification,
};

export type Screening =
  /** Bolt takes it from here. */
  | { verdict: 'pass' }
  /** Not a Slack request that can be read: 400 with what is wrong. */
  | { verdict: 'malformed'; issues: string[] }
  /** A well-formed request of a kind Vigil never answers: 200 at once, and a log line. */
  | { verdict: 'unhandled'; type: string | undefined };

const issuesOf = (error: z.ZodError): string[] => error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);

function parseBody(text: string, contentType: string | undefined): { ok: true; body: unknown } | { ok: false; issue: string } {
  try {
    // Exactly Bolt's rule: only this exact content type is a form, anything else is JSON.
    if (contentType === 'application/x-www-form-urlencoded') {
      const fields = parseQueryString(text);
      if (fields['payload'] === undefined) return { ok: true, body: fields };
      if (typeof fields['payload'] !== 'string') return { ok: false, issue: 'payload: given more than once' };
      return { ok: true, body: JSON.parse(fields['payload']) };
    }
    return { ok: true, body: JSON.parse(text) };
  } catch (error) {
    return { ok: false, issue: `body is not valid JSON: ${(error as Error).message}` };
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Read a verified request body the way Bolt will, and say whether Bolt should see it. */
export function screenSlackRequest(text: string, contentType: string | undefined): Screening {
  const parsed = parseBody(text, contentType);
  if (!parsed.ok) return { verdict: 'malformed', issues: [parsed.issue] };
  const body = parsed.body;
  if (!isRecord(body)) return { verdict: 'malformed', issues: ['(body): expected an object'] };
  if (body['ssl_check'] !== undefined) return { verdict: 'pass' };
  if (body['command'] !== undefined) {
    const command = slashCommand.safeParse(body);
    return command.success ? { verdict: 'pass' } : { verdict: 'malformed', issues: issuesOf(command.error) };
  }
  const type = typeof body['type'] === 'string' ? body['type'] : undefined;
  const envelope = type === undefined ? undefined : ENVELOPES[type];
  if (!envelope) return { verdict: 'unhandled', type: type?.slice(0, 100) };
  const checked = envelope.safeParse(body);
  return checked.success ? { verdict: 'pass' } : { verdict: 'malformed', issues: issuesOf(checked.error) };
}
