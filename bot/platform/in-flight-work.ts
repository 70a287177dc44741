// Answers run after Slack has been acked, outside any HTTP request, so closing the server
// alone would cut them off. Graceful shutdown waits on this set instead.

export class InFlightWork {
  private readonly pending = new Set<Promise<unknown>>();

  /** Runs `work`, remembering it until it settles. Errors still reach the caller. */
  track<T>(work: () => Promise<T>): Promise<T> {
    const promise = work();
    const settled = promise.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
    return promise;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Resolves true once everything in flight has settled, false if `timeoutMs` passes first. */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref();
    });
    try {
      while (this.pending.size > 0) {
        const done = await Promise.race([Promise.all([...this.pending]).then(() => true as const), timeout]);
        if (!done) return false;
      }
      return true;
    } finally {
      if (timer) clearTimeout(timer);
    }
  }
}
