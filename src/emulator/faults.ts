/** Faults queued per method by tests: errors, 429s, HTTP statuses, or calls that never answer. */
import type { Fault } from './types.js';

interface Queued {
  fault: Fault;
  remaining: number;
}

export class FaultQueue {
  private readonly byMethod = new Map<string, Queued[]>();

  add(method: string, fault: Fault, times = 1): void {
    if (!Number.isInteger(times) || times < 1) throw new Error(`injectFault: times must be a positive integer, got ${times}`);
    const q = this.byMethod.get(method) ?? [];
    q.push({ fault, remaining: times });
    this.byMethod.set(method, q);
  }

  /** The fault for this call to `method`, if one is queued (consumes it). */
  take(method: string): Fault | undefined {
    const q = this.byMethod.get(method);
    const head = q?.[0];
    if (!q || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) q.shift();
    return head.fault;
  }

  clear(): void {
    this.byMethod.clear();
  }
}

export function describeFault(f: Fault): string {
  if ('error' in f) return `error ${f.error}`;
  if ('rateLimited' in f) return `429 Retry-After ${f.rateLimited}`;
  if ('hang' in f) return 'hang (effect applied, no answer)';
  return `HTTP ${f.status}`;
}
