// `/incident stats [period]`: the numbers across incidents, for the person who asked, and a
// chart of TTR over time for the channel they asked in.

import type { WebClient } from '@slack/web-api';
import { DurationError, parseDuration } from '../../domain/duration.js';
import { periodEndingAt, incidentStatsReport, DEFAULT_STATS_PERIOD_MS, type StatsReport } from '../../incidents/stats/incidentStatsQuery.js';
import { ttrSeries } from '../../charts/ttrSeries.js';
import { ttrChartSvg } from '../../charts/ttrChartSvg.js';
import { pngFromSvg } from '../../charts/renderPng.js';
import type { Logger } from '../../shared/logger.js';
import { statsText } from '../blocks/statsText.js';
import { quoteInput, words } from '../interaction/commandText.js';
import { UsageError, tellUser } from '../replies.js';
import type { Subcommand } from './subcommand.js';

const USAGE = '/incident stats [period]';
const EXAMPLE = '/incident stats 30d';
const DAY = 24 * 3600_000;
/** Two years: longer asks would read every incident ever recorded within Slack's 3 seconds. */
const MAX_PERIOD_MS = 730 * DAY;

function periodMs(typed: string | undefined): number {
  if (typed === undefined) return DEFAULT_STATS_PERIOD_MS;
  let ms: number;
  try {
    ms = parseDuration(typed);
  } catch (error) {
    if (error instanceof DurationError) throw new UsageError(`${quoteInput(typed)} is not a period; write it like 30d, 12w or 90d.`, USAGE, EXAMPLE);
    throw error;
  }
  if (ms <= 0 || ms > MAX_PERIOD_MS) throw new UsageError('The period must be longer than nothing and at most 730d.', USAGE, EXAMPLE);
  return ms;
}

export const chartFilename = (report: StatsReport): string => `ttr-${report.period.from.toISOString().slice(0, 10)}-to-${report.period.to.toISOString().slice(0, 10)}.png`;

/**
 * Render the TTR chart and upload it to the channel. Not awaited by the command: rendering takes
 * a tenth of a second and an upload three Web API calls, and the command must answer within
 * Slack's 3 seconds. A channel Vigil is not in (a DM, say) refuses the upload: the person is told.
 */
async function uploadTtrChart(client: WebClient, report: StatsReport, periodName: string, channel: string, userId: string, logger: Logger): Promise<void> {
  try {
    const png = await pngFromSvg(ttrChartSvg(ttrSeries(report.incidents, report.period)));
    await client.files.uploadV2({
      channel_id: channel,
      file: png,
      filename: chartFilename(report),
      title: `Time to resolve, last ${periodName}`,
      alt_text: `Time to resolve per incident over the last ${periodName}`,
    });
  } catch (error) {
    logger.warn('slack: TTR chart upload failed', { channel, error: (error as Error).message });
    await tellUser(client, channel, userId, ':warning: Could not post the TTR chart here (is Vigil in this channel?). The numbers above stand.', logger);
  }
}

export const statsSubcommand: Subcommand = {
  name: 'stats',
  usage: USAGE,
  example: EXAMPLE,
  description: 'Numbers across incidents over a period (default 90d): per severity, category and model, n, median, p90 and mean of TTD, TTA, TTM and TTR, detector share, top contributing factors, and a chart of TTR over time',
  needsIncident: false,
  run: (request, deps) => {
    const [typed, ...extra] = words(request.args);
    if (extra.length > 0) throw new UsageError('Give one period.', USAGE, EXAMPLE);
    const periodName = typed ? typed.toLowerCase() : '90d';
    const report = incidentStatsReport(deps.ctx.db, periodEndingAt(deps.ctx.clock.now(), periodMs(typed?.toLowerCase())));
    const chartPosted = report.stats.overall.metrics.ttr.n > 0;
    if (chartPosted) void uploadTtrChart(deps.client, report, periodName, request.channelId, request.userId, deps.logger);
    return { text: statsText(report, { periodName, chartPosted }) };
  },
};
