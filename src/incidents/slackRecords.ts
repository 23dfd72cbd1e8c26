import { eq } from 'drizzle-orm';
import type { Db } from '../db/executor.js';
import { incidents, pageMessages, slackMessages, type PageMessageRow } from '../db/schema/index.js';

// Facts Slack hands back (a channel id, a message ts) that later effects need. Written by the
// delivery worker through these functions only.

export function recordIncidentChannel(db: Db, incidentId: number, channelId: string, channelName: string): void {
  db.update(incidents).set({ channelId, channelName }).where(eq(incidents.id, incidentId)).run();
}

export function recordSlackMessage(db: Db, incidentId: number, role: string, channelId: string, ts: string): void {
  db.insert(slackMessages)
    .values({ incidentId, role, channelId, ts })
    .onConflictDoUpdate({ target: [slackMessages.incidentId, slackMessages.role], set: { channelId, ts } })
    .run();
}

/** A page DM sent: a retry of the same effect to the same person replaces it. */
export function recordPageMessage(db: Db, message: PageMessageRow): void {
  const { channelId, ts, stepLabel } = message;
  db.insert(pageMessages)
    .values(message)
    .onConflictDoUpdate({ target: [pageMessages.effectId, pageMessages.userId], set: { channelId, ts, stepLabel } })
    .run();
}
