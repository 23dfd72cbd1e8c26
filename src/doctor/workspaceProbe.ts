import { LogLevel, WebClient } from '@slack/web-api';
import { slackCallFailure, type SlackCallFailure } from '../slack/slackCallFailure.js';
import { createHttpFetch } from '../slack/httpFetch.js';

/** A Slack answer, or why there was none. */
export type Probed<T> = { ok: true; value: T } | { ok: false; failure: SlackCallFailure };

export interface BotIdentity {
  team: string;
  teamId: string;
  botUser: string;
  /** The bot user's id and the bot's id (Vigil ignores its own messages by them). */
  userId: string;
  botId: string;
  /** The token's scopes (Slack's x-oauth-scopes header); undefined when Slack did not say. */
  scopes: string[] | undefined;
}

export interface ChannelFacts {
  name: string;
  isPrivate: boolean;
  isMember: boolean;
  isArchived: boolean;
}

export interface UserFacts {
  name: string;
  deleted: boolean;
  isBot: boolean;
}

export interface UsergroupFacts {
  id: string;
  handle: string;
  disabled: boolean;
}

/** What the doctor asks the workspace; read-only calls, none of which a person sees. */
export interface WorkspaceProbe {
  identity(): Promise<Probed<BotIdentity>>;
  channel(id: string): Promise<Probed<ChannelFacts>>;
  user(id: string): Promise<Probed<UserFacts>>;
  usergroups(): Promise<Probed<UsergroupFacts[]>>;
  /** Whether the app-level token may open a Socket Mode connection (it is not opened). */
  socketModeAllowed(appToken: string): Promise<Probed<true>>;
}

async function probe<T>(call: () => Promise<T>): Promise<Probed<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    const failure = slackCallFailure(error);
    if (!failure) throw error;
    return { ok: false, failure };
  }
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The probe over the Web API: no retries and a 10 s timeout, so an unreachable Slack is said at once. */
export function webApiProbe(token: string, slackApiUrl?: string): WorkspaceProbe {
  // The delivery client's transport: node:http, and no need to load the global fetch at every start.
  const options = { ...(slackApiUrl ? { slackApiUrl } : {}), retryConfig: { retries: 0 }, timeout: 10_000, logLevel: LogLevel.ERROR, fetch: createHttpFetch() };
  const client = new WebClient(token, options);
  return {
    identity: () =>
      probe(async () => {
        const answer = await client.auth.test();
        return {
          team: str(answer.team),
          teamId: str(answer.team_id),
          botUser: str(answer.user),
          userId: str(answer.user_id),
          botId: str(answer.bot_id),
          scopes: answer.response_metadata?.scopes,
        };
      }),
    channel: (id) =>
      probe(async () => {
        const { channel } = await client.conversations.info({ channel: id });
        return { name: str(channel?.name), isPrivate: channel?.is_private === true, isMember: channel?.is_member === true, isArchived: channel?.is_archived === true };
      }),
    user: (id) =>
      probe(async () => {
        const { user } = await client.users.info({ user: id });
        return { name: str(user?.name), deleted: user?.deleted === true, isBot: user?.is_bot === true };
      }),
    usergroups: () =>
      probe(async () => {
        const { usergroups } = await client.usergroups.list({ include_disabled: true });
        return (usergroups ?? []).map((g) => ({ id: str(g.id), handle: str(g.handle), disabled: typeof g.date_delete === 'number' && g.date_delete > 0 }));
      }),
    socketModeAllowed: (appToken) =>
      probe(async () => {
        await new WebClient(appToken, options).apps.connections.open();
        return true as const;
      }),
  };
}
