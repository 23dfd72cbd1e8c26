/** Time is injected: use cases ask a clock, tests move one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told; tests use it instead of sleeping. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string = '2026-11-22T16:00:30Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
  advance(ms: number): Date {
    this.current += ms;
    return this.now();
  }
}

/** Real time shifted to start at a chosen instant (VIGIL_CLOCK_START, for restart tests of a real process). */
export function offsetClock(startAt: Date): Clock {
  const offset = startAt.getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}
