import { describe, expect, it } from "vitest";
import { BoundedLru } from "../../platform/bounded-lru.js";
import { FEEDBACK_COMMENT_MAX_CHARS, feedbackEventOf } from "./feedback-event.js";

const conversation = { id: "a:1chat", conversationType: "personal", isGroup: false, name: "" };

describe("feedbackEventOf", () => {
  it("reads Teams' nested actionValue with a JSON feedback string", () => {
    const event = feedbackEventOf({
      replyToId: "bot-reply-9",
      conversation,
      value: { actionName: "feedback", actionValue: { reaction: "like", feedback: '{"feedbackText":"  Clear  "}' } },
    });
    expect(event).toEqual({
      event: "answer_feedback",
      verdict: "like",
      replyToId: "bot-reply-9",
      conversationId: "a:1chat",
      conversationType: "personal",
      comment: "Clear",
    });
  });

  it("accepts a flat value and an empty comment", () => {
    const event = feedbackEventOf({ replyToId: "r", value: { reaction: "dislike", feedback: '{"feedbackText":""}' } });
    expect(event).toMatchObject({ verdict: "dislike", replyToId: "r" });
    expect(event).not.toHaveProperty("comment");
  });

  it("shortens a long comment and keeps a non-JSON comment as text", () => {
    const long = feedbackEventOf({ value: { reaction: "like", feedback: JSON.stringify({ feedbackText: "é".repeat(900) }) } });
    expect(Array.from(long!.comment!)).toHaveLength(FEEDBACK_COMMENT_MAX_CHARS);
    expect(feedbackEventOf({ value: { reaction: "like", feedback: "plain words" } })!.comment).toBe("plain words");
  });

  it("ignores other submit actions and unknown reactions", () => {
    expect(feedbackEventOf({ value: { actionName: "share", actionValue: { reaction: "like" } } })).toBeUndefined();
    expect(feedbackEventOf({ value: { actionName: "feedback", actionValue: { reaction: "love" } } })).toBeUndefined();
    expect(feedbackEventOf({})).toBeUndefined();
  });
});

describe("BoundedLru", () => {
  it("forgets the least recently used entry past its size", () => {
    const lru = new BoundedLru<string, number>(2);
    lru.set("a", 1);
    lru.set("b", 2);
    expect(lru.get("a")).toBe(1); // "a" is now the most recent
    lru.set("c", 3);
    expect(lru.has("b")).toBe(false);
    expect(lru.has("a")).toBe(true);
    expect(lru.size).toBe(2);
  });

  it("rejects a non-positive size", () => {
    expect(() => new BoundedLru(0)).toThrow(RangeError);
  });
});
