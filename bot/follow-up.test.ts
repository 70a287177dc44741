import { describe, expect, it } from "vitest";
import { makeStandaloneByRule } from "./follow-up.js";

const history = [{ question: "How do I make sure people who are usually left out get a voice?" }];

describe("makeStandaloneByRule", () => {
  it("joins a follow-up that leans on the previous turn to the previous question", () => {
    expect(makeStandaloneByRule("and what about the management side?", history)).toBe(
      "How do I make sure people who are usually left out get a voice? and what about the management side?",
    );
  });

  it("leaves a full new question alone", () => {
    const q = "What does the toolkit recommend about hiring practices in local government?";
    expect(makeStandaloneByRule(q, history)).toBe(q);
  });

  it("leaves the question alone without history", () => {
    expect(makeStandaloneByRule("and the management side?", [])).toBe("and the management side?");
  });
});
