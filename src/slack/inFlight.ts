/**
 * Counts Slack requests whose listeners are still running after the ack went out, so a graceful
 * shutdown (and a test) can wait for the work behind an already-answered click.
 */
export class InFlightListeners {
  private count = 0;

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.count += 1;
    try {
      return await work();
    } finally {
      this.count -= 1;
    }
  }

  get busy(): boolean {
    return this.count > 0;
  }
}
