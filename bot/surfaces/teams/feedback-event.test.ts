import { describe, expect, it } from "vitest";
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
