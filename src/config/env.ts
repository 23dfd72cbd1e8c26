import { z } from 'zod';

/** The process environment, validated once at the edge; nothing below reads process.env. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /**
   * Interface to listen on. Default: every interface with a Slack token; 127.0.0.1 in emulator
   * mode, whose signing secret and webhook tokens are public.
   */
  HOST: z.string().min(1).optional(),
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'must be a bot token (xoxb-...)').optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  /** App-level token (xapp-..., scope connections:write): Slack traffic over Socket Mode instead of /slack/events. */
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'must be an app-level token (xapp-...)').optional(),
  SLACK_API_URL: z
    .string()
    .url()
    .refine((u) => u.endsWith('/api/'), 'must end with /api/, like https://slack.com/api/')
    .optional(),
  DATABASE_PATH: z.string().min(1).default('./data/vigil.db'),
  VIGIL_CONFIG: z.string().min(1).optional(),
  /** Where people reach this server; used for links back to alerts. */
  VIGIL_PUBLIC_URL: z.string().url().optional(),
  /**
   * Emulator mode only: the port of the built-in Slack emulator, which also serves the web UI
   * (http://localhost:3001/ by default) where you click Vigil's buttons. Fixed by default so
   * that address can be bookmarked; 0 picks a free port.
   */
  VIGIL_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  /**
   * Testing aid for crash/restart tests of a real process: start the clock at this instant
   * (ISO 8601) and let it run from there. Never set it in production.
   */
  VIGIL_CLOCK_START: z.string().datetime({ offset: true }).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type Env = Omit<z.infer<typeof envSchema>, 'HOST'> & { HOST: string };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Each variable checked on its own; `parseEnv` also checks they make a whole (the doctor reports that instead). */
export function parseEnvFields(raw: NodeJS.ProcessEnv): Env {
  const result = envSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') ?? '?';
    throw new ConfigError(`environment: ${field}: ${issue?.message ?? 'invalid'}`);
  }
  return { ...result.data, HOST: result.data.HOST ?? (result.data.SLACK_BOT_TOKEN ? '0.0.0.0' : '127.0.0.1') };
}

export function parseEnv(raw: NodeJS.ProcessEnv): Env {
  const env = parseEnvFields(raw);
  if (env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
    throw new ConfigError(
      'environment: SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set, unless SLACK_APP_TOKEN (Socket Mode) is; both are on your app\'s Basic Information page at api.slack.com/apps',
    );
  }
  return env;
}
