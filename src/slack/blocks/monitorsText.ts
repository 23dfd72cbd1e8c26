// `/incident monitors` as mrkdwn: each drift monitor, its state and its last verdict.

import { P_VALUE_TESTS, type DriftTestName } from '../../domain/drift/driftTest.js';
import { formatStatistic } from '../../domain/drift/monitorSignal.js';
import { formatDuration } from '../../domain/duration.js';
import type { MonitorOverview } from '../../incidents/monitors/monitorOverview.js';
import { escapeMrkdwn } from '../format/mrkdwn.js';
import { slackTime } from './format.js';
import { BUDGETS, fitText } from './limits.js';

const STATE_EMOJI: Record<MonitorOverview['state'], string> = {
  'not checked yet': ':white_circle:',
  ok: ':large_green_circle:',
  breaching: ':large_yellow_circle:',
  drifting: ':red_circle:',
  recovering: ':large_yellow_circle:',
};

function lastCheckText(overview: MonitorOverview): string {
  const last = overview.recent[0];
  if (!last) return 'no check yet';
  if (last.breached === null) return `last check ${slackTime(last.checkedAt)}: no verdict (${escapeMrkdwn(last.reason ?? 'no reason given')})`;
  const test = (last.test ?? '?') as DriftTestName;
  const statistic = last.statistic === null ? '∞' : formatStatistic(last.statistic);
  const p = last.pValue !== null ? `, p ${formatStatistic(last.pValue)}` : '';
  const rule = P_VALUE_TESTS.has(test) ? `p ≤ ${last.threshold}` : `≥ ${last.threshold}`;
  return `last check ${slackTime(last.checkedAt)}: ${test} ${statistic}${p} (breach at ${rule}), n ${last.n}, m ${last.m}: ${last.breached ? '*breached*' : 'no drift'}`;
}

export function monitorsText(overviews: readonly MonitorOverview[]): string {
  if (overviews.length === 0) return 'No drift monitors are defined. Add them under `monitors:` in the policy file (see the README, *Drift monitors*).';
  const lines = overviews.map((o) => {
    const d = o.definition;
    const baseline = d.baseline.kind === 'named' ? `baseline ${escapeMrkdwn(d.baseline.name)}` : `rolling ${formatDuration(d.baseline.periodMs)}`;
    const next = o.nextCheckAt ? `, next ${slackTime(o.nextCheckAt)}` : '';
    return [
      `${STATE_EMOJI[o.state]} *${escapeMrkdwn(d.name)}* · ${o.state} · ${escapeMrkdwn(d.model)} ${escapeMrkdwn(d.feature)} · ${d.test} vs ${baseline}, window ${formatDuration(d.windowMs)}, every ${formatDuration(d.everyMs)}${next}`,
      `   ${lastCheckText(o)}`,
    ].join('\n');
  });
  return fitText(`*Drift monitors*\n${lines.join('\n')}`, BUDGETS.section);
}
