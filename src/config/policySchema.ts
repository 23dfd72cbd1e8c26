import { DateTime } from 'luxon';
import { z } from 'zod';
import { CATEGORIES, SEVERITIES } from '../domain/types.js';
import { parseDuration } from '../domain/duration.js';
import { validateTimezone } from '../domain/oncall.js';
import { AUDIENCES } from '../domain/stakeholderUpdates.js';
import { MIN_HOURLY_AFTER_MS } from '../domain/updateCadence.js';
import { PAGER_NAMES } from '../domain/pagers.js';
import { monitorsSchema } from './monitorsSchema.js';

/** PagerDuty's Events API v2 address; the EU service is https://events.eu.pagerduty.com/v2/enqueue. */
export const PAGERDUTY_ENQUEUE_URL = 'https://events.pagerduty.com/v2/enqueue';

// The YAML policy file as operators write it. Durations stay text here and become
// milliseconds in policy.ts; every message names what is wrong in the operator's own terms.

/** Rotation members and named responders are Slack user ids (`U...`, or `W...` on Enterprise Grid). */
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
const slackUserId = z.string().regex(SLACK_USER_ID, 'must be a Slack user id like U0123ABCD');

export const durationText = z.union([z.string(), z.number()]).transform((value, ctx) => {
  try {
    return parseDuration(String(value));
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

const handoffSchema = z.strictObject({
  every: z.enum(['daily', 'weekly']),
  day: z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']).optional(),
  at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:MM').default('09:00'),
  timezone: z.string().refine(validateTimezone, 'is not an IANA time zone (e.g. Europe/Berlin)').default('UTC'),
  since: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
    .refine((date) => DateTime.fromISO(date).isValid, 'is not a real date')
    .optional(),
});

const rotationSchema = z.strictObject({
  members: z.array(slackUserId),
  handoff: handoffSchema.optional(),
});

const notifySchema = z.union([
  z.string().min(1),
  z.array(slackUserId).min(1),
  z.strictObject({ rotation: z.string().min(1) }),
  z.strictObject({ usergroup: z.string().regex(/^S[A-Z0-9]+$/, 'must be a Slack user group id like S0123') }),
  z.strictObject({ pager: z.enum(PAGER_NAMES, { error: `must be one of ${PAGER_NAMES.join(', ')}` }) }),
]);

const stepSchema = z.strictObject({
  after: durationText,
  notify: notifySchema,
  until: z.enum(['acknowledged', 'resolved']).default('acknowledged'),
  severities: z.array(z.enum(SEVERITIES)).optional(),
  label: z.string().max(40).optional(),
});

// A policy is a list of steps, or { steps, repeat }; the list is shorthand for the object, so
// operators get errors about the form they wrote rather than "matches neither form".
const policyStepsSchema = z.preprocess(
  (value) => (Array.isArray(value) ? { steps: value } : value),
  z.strictObject({
    steps: z.array(stepSchema).min(1),
    repeat: z.strictObject({ times: z.number().int().min(1).max(10), every: durationText }).optional(),
  }),
);

const channelId = z.string().regex(/^[CG][A-Z0-9]+$/, 'must be a channel id like C0123ABCD');
const timeZone = z.string().refine(validateTimezone, 'is not an IANA time zone (e.g. Europe/Berlin)');

/** Where an audience's updates go, whether the commander approves them first, and the readers' time zone. */
const audienceSchema = z.strictObject({
  channel: channelId.optional(),
  approval: z.enum(['commander', 'none']).optional(),
  timeZone: timeZone.optional(),
});

/** An operator's hook: an http(s) URL, the secret requests are signed with, and how long to wait for its answer. */
const actionHookSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  secret: z.string().min(16, 'must be at least 16 characters'),
  timeout: durationText.refine((ms) => ms >= 1000 && ms <= 60_000, 'must be between 1s and 60s').default(10_000),
});

/** Pagers outside Slack an escalation step may page through (`notify: { pager: pagerduty }`). */
const pagersSchema = z.strictObject({
  pagerduty: z
    .strictObject({
      routingKey: z.string().min(1, 'is the integration key of a PagerDuty service (Events API v2)'),
      url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default(PAGERDUTY_ENQUEUE_URL),
      timeout: durationText.refine((ms) => ms >= 1000 && ms <= 60_000, 'must be between 1s and 60s').default(10_000),
    })
    .optional(),
  webhook: actionHookSchema.optional(),
});

const whoSchema = z.array(z.union([slackUserId, z.literal('anyone'), z.string().regex(/^S[A-Z0-9]+$/)]));

export const policyFileSchema = z.strictObject({
  sources: z
    .array(
      z.strictObject({
        name: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/i, 'must be a simple name'),
        kind: z.enum(['alertmanager', 'detector', 'deployments', 'grafana', 'pagerduty', 'samples', 'api']),
        token: z.string().min(16, 'must be at least 16 characters'),
      }),
    )
    .optional(),
  rotations: z.record(z.string(), rotationSchema).optional(),
  routing: z.partialRecord(z.enum(CATEGORIES), z.string()).optional(),
  escalation: z.partialRecord(z.enum(['default', ...SEVERITIES]), policyStepsSchema).optional(),
  announce: z.strictObject({ channel: z.string().regex(/^[CG][A-Z0-9]+$/, 'must be a channel id') }).optional(),
  grouping: z.strictObject({ window: durationText }).optional(),
  reminders: z.strictObject({ unacknowledgedEvery: durationText }).optional(),
  permissions: z
    .strictObject({
      declareSev1: whoSchema.optional(),
      resolve: whoSchema.optional(),
      changeSeverity: whoSchema.optional(),
      rollback: whoSchema.optional(),
      approveUpdates: whoSchema.optional(),
    })
    .optional(),
  runbooks: z.strictObject({ folder: z.string().min(1) }).optional(),
  stakeholders: z
    .strictObject({
      channel: channelId.optional(),
      audiences: z.partialRecord(z.enum(AUDIENCES), audienceSchema).optional(),
      updateEvery: z.partialRecord(z.enum(SEVERITIES), durationText).optional(),
      firstUpdateWithin: z.partialRecord(z.enum(SEVERITIES), durationText).optional(),
      hourlyAfter: durationText
        .refine((ms) => ms >= MIN_HOURLY_AFTER_MS, 'must be at least 1h: updates never relax to hourly in the first hour')
        .optional(),
      remindBefore: durationText.optional(),
      templates: z.string().min(1).optional(),
      timeZone: timeZone.optional(),
    })
    .optional(),
  statusPage: z.strictObject({ title: z.string().min(1).max(100), timeZone: timeZone.optional() }).optional(),
  actions: z.strictObject({ rollback: actionHookSchema.optional(), killSwitch: actionHookSchema.optional() }).optional(),
  pagers: pagersSchema.optional(),
  /** Built-in drift monitors (src/config/monitorsSchema.ts). */
  monitors: monitorsSchema.optional(),
  /** `GET /metrics` answers only with `Authorization: Bearer <token>` when a token is set. */
  metrics: z.strictObject({ token: z.string().min(16, 'must be at least 16 characters') }).optional(),
});

export type PolicyFile = z.infer<typeof policyFileSchema>;
