// The public status page: what clients were told, and nothing else. Public by design (no token),
// so it reads only client updates that a person posted (see statusPageQuery.ts).

import type { Express, Response } from 'express';
import type { UseCaseContext } from '../incidents/context.js';
import { statusPageIncidents, type PublicIncident } from '../incidents/updates/statusPageQuery.js';

// Readers refresh during an incident; a short cache spares the database a crowd, not the news.
const CACHE_CONTROL = 'public, max-age=15';

const iso = (date: Date | undefined): string | null => (date ? date.toISOString() : null);

/** The JSON form: the same facts as the page, times in ISO 8601 UTC. */
function publicJson(incident: PublicIncident) {
  return {
    id: incident.id,
    headline: incident.headline,
    state: incident.state,
    impact: incident.impact,
    components: incident.components,
    startedAt: iso(incident.startedAt),
    resolvedAt: iso(incident.resolvedAt),
    updates: incident.updates.map((u) => ({ postedAt: iso(u.postedAt), state: u.state, impact: u.impact, ...u.fields, nextUpdateAt: iso(u.nextUpdateAt) })),
  };
}

function send(res: Response, type: string, body: string): void {
  res.status(200).set({ 'content-type': type, 'cache-control': CACHE_CONTROL, 'x-content-type-options': 'nosniff' }).send(body);
}

export function registerStatusRoutes(app: Express, ctx: UseCaseContext): void {
  app.get('/status', (_req, res) => {
    const now = ctx.clock.now();
    const { title, timeZone } = ctx.policy.statusPage;
    const html = ctx.templates.renderStatusPage({ title, generatedAt: now, timeZone, ...statusPageIncidents(ctx.db, now) });
    // The page needs no script: forbid any, so even a template mistake cannot run one.
    res.set('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    send(res, 'text/html; charset=utf-8', html);
  });
  app.get('/status.json', (_req, res) => {
    const now = ctx.clock.now();
    const { open, resolved } = statusPageIncidents(ctx.db, now);
    const body = { title: ctx.policy.statusPage.title, generatedAt: now.toISOString(), open: open.map(publicJson), resolved: resolved.map(publicJson) };
    send(res, 'application/json; charset=utf-8', JSON.stringify(body));
  });
}
