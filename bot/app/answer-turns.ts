// Answers start one per event-loop turn in a serving process. A burst of requests arrives in
// one poll phase; if each listener went straight into answer(), the whole burst's synchronous
// answering work (parsing the question, spelling, queueing the embed, decoding search results)
// would run back to back before the loop returned to accepting connections, acking and
// /healthz (100 Slack mentions at once on 2 busy cores: stalls of 190-550 ms; paced, 30-150 ms).
// Each answer waits for its own setImmediate, in arrival order, so pending requests are taken
// in and acked first and answering interleaves with I/O. Idle, it costs one setImmediate.

/** A FIFO of turns: each call resolves one event-loop turn after the previous call's turn. */
export function answerTurns(): () => Promise<void> {
  let last: Promise<void> = Promise.resolve();
  return () => {
    const turn = last.then(() => new Promise<void>((resolveTurn) => setImmediate(resolveTurn)));
    last = turn;
    return turn;
  };
}
