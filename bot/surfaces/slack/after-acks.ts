// Events API requests carry nothing back in their 200, so the request gate acks them itself
// and hands bolt the event afterwards. What runs after an ack (bolt's middleware, the
// listeners, the claim-once check, the hand-off to an answer worker) is queued here and run
// one event per turn of the event loop: between two events the loop polls the network again,
// so a burst's later requests are acked before its earlier events are processed, instead of
// each ack waiting behind every event that arrived first (issue 16: 100 mentions at once).
import type { InFlightWork } from "../../platform/in-flight-work.js";

export class AfterAcks {
  private readonly queue: Array<() => void> = [];
  private scheduled = false;

  constructor(private readonly inFlight: InFlightWork) {}

  /** Runs `work` on a later turn of the event loop; graceful shutdown waits for it like any answer. */
  run(work: () => Promise<void>): Promise<void> {
    return this.inFlight.track(
      () =>
        new Promise<void>((done, fail) => {
          this.queue.push(() => void work().then(done, fail));
          this.schedule();
        }),
    );
  }

  get waiting(): number {
    return this.queue.length;
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.queue.shift()?.();
      this.schedule();
    });
  }
}
