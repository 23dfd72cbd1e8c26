// Pagers outside the chat: an escalation step may page through PagerDuty or a team's own webhook
// (a phone-call bridge, an SMS gateway) as well as by DM. Pure: names, severities and keys only.

import type { Severity } from './types.js';

export const PAGER_NAMES = ['pagerduty', 'webhook'] as const;
export type PagerName = (typeof PAGER_NAMES)[number];

/** How a pager is named to people (timeline, channel). */
export const PAGER_WORDS: Record<PagerName, string> = { pagerduty: 'PagerDuty', webhook: 'the webhook pager' };

/** What an outside pager is told: a page, someone took it, it is over. */
export const PAGER_ACTIONS = ['trigger', 'acknowledge', 'resolve'] as const;
export type PagerAction = (typeof PAGER_ACTIONS)[number];

/** PagerDuty's Events v2 severities, most severe first. */
export const PAGERDUTY_SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
export type PagerDutySeverity = (typeof PAGERDUTY_SEVERITIES)[number];

/** Ours in PagerDuty's words, one for one (the reverse is parseSeverity's: critical is SEV1, info SEV4). */
export const PAGERDUTY_SEVERITY: Record<Severity, PagerDutySeverity> = { SEV1: 'critical', SEV2: 'error', SEV3: 'warning', SEV4: 'info' };

/**
 * The key that ties every event about one incident together at the pager: PagerDuty's `dedup_key`,
 * the webhook pager's `dedupKey`. One per incident, so a retried trigger, or a second step paging
 * the same pager, lands on the alert already open there instead of opening another.
 */
export const pagerDedupKey = (incidentId: number): string => `vigil-incident-${incidentId}`;
