import cron, { type ScheduledTask } from 'node-cron';
import type { UseCaseContext } from '../incidents/context.js';
import { fireDueEscalations } from '../incidents/escalation/fireSteps.js';
import { remindUnacknowledged } from '../incidents/remindUnacknowledged.js';
import { remindStakeholderUpdates } from '../incidents/updates/remindUpdates.js';
import { remindReviews } from '../incidents/review/remindReviews.js';
import { pruneDeliveredEffects } from '../effects/outbox.js';
import { remindActionItems } from '../incidents/actionItems/remindActionItems.js';
import { pruneOldSamples, runDueMonitors } from '../incidents/monitors/runDueMonitors.js';

const OUTBOX_RETENTION_MS = 7 * 24 * 3600_000;

/** A recurring job: a name, a cron pattern (with seconds), and a use case to call. */
interface Job {
  name: string;
  pattern: string;
  run(ctx: UseCaseContext): number;
}

/**
 * Escalation ticks every 5 s, so a step fires at most ~5 s after it is due (plus the time the
 * tick takes). Timers are rows, so a tick that did not happen (process down) is made up by the
 * next one, once.
 */
export const JOBS: readonly Job[] = [
  { name: 'escalation', pattern: '*/5 * * * * *', run: fireDueEscalations },
  { name: 'reminders', pattern: '*/15 * * * * *', run: remindUnacknowledged },
  { name: 'stakeholder-updates', pattern: '5,20,35,50 * * * * *', run: remindStakeholderUpdates },
  // Reminders go out on a day's 09:00 UTC slot: once a minute is on time, and cheap when none is due.
  { name: 'action-items', pattern: '40 * * * * *', run: remindActionItems },
  { name: 'reviews', pattern: '50 * * * * *', run: remindReviews },
  // Each drift monitor on its own interval (its next check time is a row); due ones run within 5 s.
  { name: 'monitors', pattern: '*/5 * * * * *', run: runDueMonitors },
  { name: 'samples-retention', pattern: '0 23 * * * *', run: pruneOldSamples },
  {
    name: 'outbox-pruning',
    pattern: '0 17 * * * *',
    run: (ctx) => pruneDeliveredEffects(ctx.db, new Date(ctx.clock.now().getTime() - OUTBOX_RETENTION_MS)),
  },
];

export class Scheduler {
  private tasks: ScheduledTask[] = [];

  constructor(private readonly ctx: UseCaseContext) {}

  start(): void {
    // Catch up at once on what came due while the process was down, then keep the rhythm.
    this.tick();
    this.tasks = JOBS.map((job) =>
      cron.schedule(job.pattern, () => this.runJob(job), { name: `vigil-${job.name}`, noOverlap: true }),
    );
  }

  async stop(): Promise<void> {
    await Promise.all(this.tasks.map((task) => task.destroy()));
    this.tasks = [];
  }

  /** Run every job once, now. Tests move the clock and call this instead of waiting. */
  tick(): Record<string, number> {
    return Object.fromEntries(JOBS.map((job) => [job.name, this.runJob(job)]));
  }

  private runJob(job: Job): number {
    try {
      return job.run(this.ctx);
    } catch (error) {
      this.ctx.logger.error(`scheduler: ${job.name} failed`, { error: (error as Error).message });
      return 0;
    }
  }
}
