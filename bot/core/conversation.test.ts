import { describe, expect, it } from "vitest";
import type { Answer } from "./answer-types.js";
import { CONVERSATION_TURNS, ConversationHistory, rememberTurn } from "./conversation.js";

const answer = (question: string, status: Answer["status"] = "answered"): Answer => ({
  question,
  status,
  text: `about ${question}`,
  citations: [],
  retrieved: [],
  mode: "extractive",
  timingsMs: { retrieve: 0, total: 0 },
});

describe("rememberTurn", () => {
  it("keeps the last few turns and never an invalid one", () => {
    let history = rememberTurn([], answer("first"));
    history = rememberTurn(history, answer("", "invalid"));
    expect(history.map((t) => t.question)).toEqual(["first"]);
    for (let i = 0; i < CONVERSATION_TURNS + 2; i++) history = rememberTurn(history, answer(`q${i}`));
    expect(history).toHaveLength(CONVERSATION_TURNS);
    expect(history.at(-1)!.question).toBe(`q${CONVERSATION_TURNS + 1}`);
  });
});

describe("ConversationHistory", () => {
  it("keeps windows for the most recently active conversations", () => {
    const history = new ConversationHistory({ maxConversations: 2 });
    history.remember("a", answer("1"));
    history.remember("b", answer("b"));
    history.remember("c", answer("c"));
    expect(history.get("a")).toEqual([]);
    expect(history.get("c")).toHaveLength(1);
  });

  it("hands out copies that cannot change what it stores, and skips invalid turns", () => {
    const history = new ConversationHistory();
    history.remember("a", answer("1"));
    history.remember("a", answer("", "invalid"));
    history.get("a").push({ question: "injected" });
    expect(history.get("a").map((t) => t.question)).toEqual(["1"]);
  });
});
