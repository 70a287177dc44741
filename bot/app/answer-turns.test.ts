import { describe, expect, it } from "vitest";
import { answerTurns } from "./answer-turns.js";

describe("answerTurns", () => {
  it("gives one turn per pass of the event loop, in call order, so I/O runs between answers", async () => {
    const nextTurn = answerTurns();
    const order: string[] = [];
    const turns = [0, 1, 2].map((i) =>
      nextTurn().then(() => {
        order.push(`answer ${i}`);
        // What a request arriving meanwhile would be: it runs before the next answer starts.
        setImmediate(() => order.push(`io after ${i}`));
      }),
    );
    await Promise.all(turns);
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(["answer 0", "io after 0", "answer 1", "io after 1", "answer 2", "io after 2"]);
  });
});
