import { eq } from 'drizzle-orm';
import type { Db } from '../db/executor.js';
import { incidents, slackMessages } from '../db/schema/index.js';

// Facts Slack hands back (a channel id, a message ts) that later effects need. Written by the
// delivery worker through these two functions only.

export function recordIncidentChannel(db: Db, incidentId: number, channelId: string, channelName: string): void {
  db.update(incidents).set({ channelId, channelName }).where(eq(incidents.id, incidentId)).run();
}

export function recordSlackMessage(db: Db, incidentId: number, role: string, channelId: string, ts: string): void {
  db.insert(slackMessages)
    .values({ incidentId, role, channelId, ts })
    .onConflictDoUpdate({ target: [slackMessages.incidentId, slackMessages.role], set: { channelId, ts } })
    .run();
}
