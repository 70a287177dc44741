import { describe, expect, it } from "vitest";
import { ConversationHistory } from "./conversation-history.js";

describe("ConversationHistory", () => {
  it("keeps the last turns of the most recently active conversations", () => {
    const history = new ConversationHistory({ maxConversations: 2, maxTurns: 2 });
    for (const q of ["1", "2", "3"]) history.append("a", { question: q });
    expect(history.get("a").map((t) => t.question)).toEqual(["2", "3"]);
    history.append("b", { question: "b" });
    history.append("c", { question: "c" });
    expect(history.get("a")).toEqual([]);
    expect(history.get("c")).toHaveLength(1);
  });

  it("hands out copies that cannot change what it stores", () => {
    const history = new ConversationHistory();
    history.append("a", { question: "1" });
    history.get("a").push({ question: "injected" });
    expect(history.get("a")).toEqual([{ question: "1" }]);
  });
});
