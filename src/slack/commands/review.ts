// The `/incident` subcommands of the post-incident review: compile it (again), mark it held, and
// correct when impact started.

import { completeReview } from '../../incidents/review/completeReview.js';
import { compileReview } from '../../incidents/review/compileReview.js';
import { correctImpactStart } from '../../incidents/review/correctImpactStart.js';
import { parsePastTime } from '../../domain/pastTime.js';
import { incidentRef } from '../blocks/format.js';
import { reviewFilename } from '../blocks/reviewBlocks.js';
import { words } from '../interaction/commandText.js';
import { UsageError } from '../replies.js';
import type { Subcommand } from './subcommand.js';

const REVIEW_USAGE = '/incident review [done]';
const REVIEW_EXAMPLE = '/incident review';

export const reviewSubcommand: Subcommand = {
  name: 'review',
  usage: REVIEW_USAGE,
  example: REVIEW_EXAMPLE,
  description: 'Compile the post-incident review from the timeline as a Markdown file (again after edits: v2, v3...); `done` once it is held',
  needsIncident: true,
  run: (request, deps) => {
    const [first, ...rest] = words(request.args);
    const incidentId = request.incident!.id;
    if (first?.toLowerCase() === 'done' && rest.length === 0) {
      completeReview(deps.ctx, { incidentId, userId: request.userId });
      return { text: `:white_check_mark: The review of ${incidentRef(incidentId)} is marked complete; no more reminders.` };
    }
    if (first) throw new UsageError('Say `done`, or nothing to compile the review.', REVIEW_USAGE, REVIEW_EXAMPLE);
    const review = compileReview(deps.ctx, { incidentId, userId: request.userId });
    return { text: `:memo: Compiling review *v${review.version}* of ${incidentRef(incidentId)}: it is being posted here as \`${reviewFilename(incidentId, review.version)}\`.` };
  },
};

const IMPACT_USAGE = '/incident impact-start <time> [reason]';
const IMPACT_EXAMPLE = '/incident impact-start 2026-11-30T08:55Z the 08:55 deploy shipped the bad feature table';

export const impactStartSubcommand: Subcommand = {
  name: 'impact-start',
  usage: IMPACT_USAGE,
  example: IMPACT_EXAMPLE,
  description: 'Correct when users were first affected (`45m ago`, `09:40` UTC, or ISO 8601): time to detect, mitigate and resolve are measured from it',
  needsIncident: true,
  run: (request, deps) => {
    const [typed, ...reason] = words(request.args);
    // `45m ago` is two words.
    const [timeText, why] = reason[0]?.toLowerCase() === 'ago' ? [`${typed} ago`, reason.slice(1)] : [typed, reason];
    const now = deps.ctx.clock.now();
    const at = timeText ? parsePastTime(timeText, now) : undefined;
    if (!at) throw new UsageError('When did impact start? Give a time like `45m ago`, `09:40` (UTC) or `2026-11-30T09:40Z`.', IMPACT_USAGE, IMPACT_EXAMPLE);
    const { previous } = correctImpactStart(deps.ctx, { incidentId: request.incident!.id, at, userId: request.userId, ...(why.length ? { reason: why.join(' ') } : {}) });
    const was = previous ? ` (was ${previous.toISOString().slice(0, 16).replace('T', ' ')} UTC)` : '';
    return { text: `:clock3: Impact start is now ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC${was}; the review's numbers are measured from it.` };
  },
};
