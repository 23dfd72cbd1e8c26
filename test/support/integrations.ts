// Sources and helpers for the tests of the formats teams already have: PagerDuty Events v2 and
// Grafana in, pages out, /metrics.
import { BASE_POLICY } from './testPolicy.js';
import type { Harness, HttpAnswer } from './harness.js';

export const INTEGRATION_TOKENS = {
  pagerduty: 'test-pagerduty-routing-key-0123456789',
  grafana: 'test-grafana-token-0123456789abcdef',
};

/** The base test policy with a pagerduty source (datadog) and a grafana source (grafana), plus `extra` YAML. */
export function integrationPolicy(extra = ''): string {
  const sources = [
    `  - { name: datadog, kind: pagerduty, token: "${INTEGRATION_TOKENS.pagerduty}" }`,
    `  - { name: grafana, kind: grafana, token: "${INTEGRATION_TOKENS.grafana}" }`,
  ].join('\n');
  return BASE_POLICY.replace('sources:\n', `sources:\n${sources}\n`) + extra;
}

/** POST JSON (or raw text) to a path of the harness, with optional headers. */
export function postJson(h: Harness, path: string, body: unknown, headers: Record<string, string> = {}, raw?: string): Promise<HttpAnswer> {
  return h.post(path, { 'content-type': 'application/json', ...headers }, raw ?? JSON.stringify(body));
}

/** A PagerDuty Events v2 body sent with the datadog source's routing key (the token). */
export const pagerduty = (h: Harness, event: Record<string, unknown>, routingKey: string | null = INTEGRATION_TOKENS.pagerduty): Promise<HttpAnswer> => {
  const body: Record<string, unknown> = { ...event };
  if (routingKey === null) delete body['routing_key'];
  else body['routing_key'] = routingKey;
  return postJson(h, '/webhooks/pagerduty', body);
};

/** A Grafana webhook contact point delivery with the grafana source's bearer token. */
export const grafana = (h: Harness, body: unknown, token: string | null = INTEGRATION_TOKENS.grafana): Promise<HttpAnswer> =>
  postJson(h, '/webhooks/grafana', body, token === null ? {} : { authorization: `Bearer ${token}` });

/** One row of a table, read straight from Vigil's store. */
export function row<T>(h: Harness, query: string, ...params: unknown[]): T | undefined {
  return h.vigil.store.sqlite.prepare(query).get(...params) as T | undefined;
}

export function rows<T>(h: Harness, query: string, ...params: unknown[]): T[] {
  return h.vigil.store.sqlite.prepare(query).all(...params) as T[];
}
