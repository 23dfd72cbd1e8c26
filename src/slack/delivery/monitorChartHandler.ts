// A drift monitor's breach in its incident channel: the chart of both distributions, uploaded as
// a PNG with the test's numbers and the most moved bins as its comment.

import { pngFromSvg } from '../../charts/renderPng.js';
import { driftChartSvg } from '../../charts/driftChartSvg.js';
import { mostMovedBins, TEST_TITLES, type DriftTestName } from '../../domain/drift/driftTest.js';
import { formatStatistic, movedBinText } from '../../domain/drift/monitorSignal.js';
import { checkById } from '../../incidents/monitors/monitorRecords.js';
import { escapeMrkdwn } from '../format/mrkdwn.js';
import { incidentChannel } from './channelHandlers.js';
import type { EffectHandler } from './deliveryContext.js';

const time = (at: Date): string => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * Like the review's upload, a file carries no message metadata to find it by after a crash, so a
 * retry after an upload whose answer was lost may post the chart twice; both say the same.
 */
export const uploadMonitorChart: EffectHandler<'monitor.chart'> = async (attempt, ctx) => {
  const { checkId, model, feature } = attempt.effect.payload;
  const check = checkById(ctx.db, checkId);
  if (!check || !check.bins || !check.test) return { skipped: 'no breaching check to draw' };
  const channel = incidentChannel(ctx, attempt.effect.incidentId!);
  if (!channel) return { skipped: 'no channel' };
  const test = check.test as DriftTestName;
  const statistic = check.statistic === null ? '∞' : formatStatistic(check.statistic);
  const numbers = `${test} statistic ${statistic}${check.pValue !== null ? `, p-value ${formatStatistic(check.pValue)}` : ''} · n = ${check.n.toLocaleString('en-US')}, m = ${check.m.toLocaleString('en-US')}`;
  const svg = driftChartSvg({
    title: `${model} · ${feature}: reference vs current`,
    subtitle: [`${TEST_TITLES[test]}: ${numbers}`, `current window ${time(check.windowFrom)} – ${time(check.windowTo)}${check.modelVersion ? ` · model version ${check.modelVersion}` : ''}`],
    bins: check.bins,
    ranges: check.bins.some((bin) => bin.label.startsWith('[')),
  });
  const moved = mostMovedBins(check.bins, 5).map((bin) => `• ${escapeMrkdwn(movedBinText(bin))}`);
  const comment = [`*Drift monitor ${escapeMrkdwn(check.monitor)}*: ${escapeMrkdwn(numbers)}`, moved.length > 0 ? `Most moved (reference share → current share):\n${moved.join('\n')}` : '']
    .filter(Boolean)
    .join('\n');
  await ctx.client.files.uploadV2({
    channel_id: channel,
    file: await pngFromSvg(svg),
    filename: `drift-${check.monitor}-${check.windowTo.toISOString().slice(0, 16).replace(/[:T]/g, '')}.png`,
    title: `${model} ${feature}: reference vs current`,
    alt_text: `Shares of ${feature} per bin in the reference and in the current window`,
    initial_comment: comment,
  });
  return { checkId };
};
