/**
 * What the storm and outage benchmarks send: a policy with a short escalation (L2 after 30 s),
 * ten incidents on ten models spread over five rotations (so each secondary gets at most two L2
 * pages), and detector alerts that join them (same model and signal, distinct dedupKeys).
 */
import { writeFileSync } from 'node:fs';
import type { EmulatorOptions } from '@vigil/slack-emulator';

export const DETECTOR_TOKEN = 'bench-storm-detector-token-0123456789';
export const SIGNING_SECRET = 'bench-storm-signing-secret';

/** Slack as the issue describes it: ~30 ms a call, one chat.postMessage a second per channel, bursts of 3. */
export const SLACK_PACE: EmulatorOptions = { latencyMs: 30, rateLimit: { postMessagePerChannelPerSecond: 1, burst: 3 } };

export const ROTATIONS = {
  ml: ['U0MLONE', 'U0MLTWO'],
  data: ['U0DATAONE', 'U0DATATWO'],
  integ: ['U0INTEGONE', 'U0INTEGTWO'],
  infra: ['U0INFRAONE', 'U0INFRATWO'],
  retrieval: ['U0RETRONE', 'U0RETRTWO'],
  lead: ['U0LEAD'],
} as const;

export const L2_AFTER_MS = 30_000;

/** Ten incidents: their signal decides the category, so the rotation, so who is primary and secondary. */
export const INCIDENTS = [
  { signal: 'prediction_drift', rotation: 'ml' },
  { signal: 'data_drift', rotation: 'data' },
  { signal: 'feature_staleness', rotation: 'integ' },
  { signal: 'latency', rotation: 'infra' },
  { signal: 'retrieval_quality', rotation: 'retrieval' },
  { signal: 'confidence_drop', rotation: 'ml' },
  { signal: 'pipeline_failure', rotation: 'data' },
  { signal: 'feature_staleness', rotation: 'integ' },
  { signal: 'error_rate', rotation: 'infra' },
  { signal: 'retrieval_quality', rotation: 'retrieval' },
] as const;

export const secondaryOf = (k: number): string => ROTATIONS[INCIDENTS[k % INCIDENTS.length]!.rotation][1];
export const primaryOf = (k: number): string => ROTATIONS[INCIDENTS[k % INCIDENTS.length]!.rotation][0];

export function writeStormPolicy(file: string): void {
  const rotations = Object.entries(ROTATIONS)
    .map(([name, members]) => `  ${name}: { members: [${members.join(', ')}] }`)
    .join('\n');
  writeFileSync(
    file,
    `sources:
  - { name: bench, kind: detector, token: "${DETECTOR_TOKEN}" }
rotations:
${rotations}
routing: { model: ml, data: data, integration: integ, infrastructure: infra, retrieval: retrieval, safety: ml }
escalation:
  default:
    - { after: 0m, notify: primary, until: acknowledged }
    - { after: ${L2_AFTER_MS / 1000}s, notify: secondary, until: acknowledged }
`,
  );
}

/** The k-th incident's model: alerts naming it (and its signal) group into that incident. */
export const modelOf = (run: string, k: number): string => `${run}-model-${k % INCIDENTS.length}`;

/** Detector alert number `i` of a run (its dedupKey `<run>-<tag>-<i>`), for incident `i mod 10`. */
export function alertBody(run: string, i: number, tag = 'alert'): Buffer {
  const k = i % INCIDENTS.length;
  const incident = INCIDENTS[k]!;
  return Buffer.from(
    JSON.stringify({
      dedupKey: `${run}-${tag}-${i}`,
      title: `${incident.signal.replace(/_/g, ' ')} on ${modelOf(run, k)} (${i})`,
      signal: incident.signal,
      model: { name: modelOf(run, k) },
      labels: { shard: String(i % 97) },
    }),
  );
}

export const DETECTOR_HEADERS = { authorization: `Bearer ${DETECTOR_TOKEN}`, 'content-type': 'application/json' };

/** A signed `/incident <text>` slash command as Slack sends it to /slack/events. */
export function slashCommandBody(text: string, responseBase: string, n: number): string {
  return new URLSearchParams({
    token: 'verification_token',
    team_id: 'T0VIGIL',
    team_domain: 'bench',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: ROTATIONS.lead[0],
    user_name: 'lead',
    command: '/incident',
    text,
    api_app_id: 'A0BENCH',
    response_url: `${responseBase}/response/bench-${n}`,
    trigger_id: `${Date.now()}.bench${n}`,
  }).toString();
}
