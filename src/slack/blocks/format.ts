import type { Severity } from '../../domain/types.js';
import { escapeMrkdwn, isSlackUserId, truncate, userMention } from '../format/mrkdwn.js';
import { BUDGETS, clip } from './limits.js';

export const SEVERITY_EMOJI: Record<Severity, string> = {
  SEV1: ':red_circle:',
  SEV2: ':large_orange_circle:',
  SEV3: ':large_yellow_circle:',
  SEV4: ':large_blue_circle:',
};

export const incidentRef = (id: number): string => `INC-${id}`;

/** A time every reader sees in their own time zone (Slack's date token), with an ISO fallback. */
export function slackTime(at: Date): string {
  const epoch = Math.floor(at.getTime() / 1000);
  // The fallback is what clients that cannot localise show: keep it short and say the zone.
  const fallback = `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${epoch}^{date_short_pretty} {time}|${fallback}>`;
}

export const channelLink = (channelId: string): string => (/^[CGD][A-Z0-9]+$/.test(channelId) ? `<#${channelId}>` : escapeMrkdwn(channelId));

/** Mention a user by id; anything that is not a user id is shown as escaped text. */
export const mention = (userId: string | null | undefined): string => (userId ? userMention(userId) : '_nobody_');

/** "psi = *0.31* (threshold 0.25)"; a sender's long metric name is cut. */
export function metricText(metric: { name: string; value: number; threshold?: number } | null | undefined): string | undefined {
  if (!metric) return undefined;
  const threshold = metric.threshold !== undefined ? ` (threshold ${metric.threshold})` : '';
  return `${clip(metric.name, BUDGETS.inline)} = *${metric.value}*${threshold}`;
}

/** "fraud-detector @ 2026-11-02"; a sender's long name or version is cut. */
export function modelText(name: string | null, version: string | null): string | undefined {
  if (!name) return undefined;
  return version ? `${clip(name, BUDGETS.inline)} @ ${clip(version, BUDGETS.inline)}` : clip(name, BUDGETS.inline);
}

/**
 * Slack does not parse mentions in plain_text, but it does decode &amp; &lt; &gt; there too, so
 * escaping keeps one rule for every text that may carry detector or user input.
 */
export const plain = (text: string, max = 3000) => ({ type: 'plain_text' as const, text: truncate(escapeMrkdwn(text), max), emoji: true });
export const md = (text: string) => ({ type: 'mrkdwn' as const, text });

/** A timeline actor: a user id becomes a mention, a source name stays text. */
export function actorText(actor: string): string {
  if (isSlackUserId(actor)) return userMention(actor);
  return actor === 'vigil' ? 'Vigil' : clip(actor, BUDGETS.inline);
}
