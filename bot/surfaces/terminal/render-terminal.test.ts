import { describe, expect, it } from "vitest";
import type { Answer } from "../../core/answer-types.js";
import { renderTerminalAnswer } from "./render-terminal.js";

const answered: Answer = {
  question: "define implicit bias",
  status: "answered",
  text: "Implicit bias (definition written for this guide): Attitudes... [1]\n- Used in Practice 3: address implicit biases [2]",
  citations: [
    { n: 1, sectionId: "glossary.implicit-bias", title: "Implicit bias", quote: "Attitudes...", kind: "glossary", writtenBy: "project" },
    { n: 2, sectionId: "practices.3.management.c", title: "Practice 3, Equity and Inclusion, management dimension C", quote: "address implicit biases", kind: "dimension" },
  ],
  retrieved: [{ sectionId: "glossary.implicit-bias", score: 1 }],
  mode: "extractive",
  timingsMs: { retrieve: 1, total: 2 },
};

describe("renderTerminalAnswer", () => {
  it("prints the text, then each citation with its id, title and quoted words, labelling project-written text", () => {
    const out = renderTerminalAnswer(answered);
    expect(out.startsWith(answered.text)).toBe(true);
    expect(out).toContain("[1] Implicit bias (glossary.implicit-bias) (project-written definition, written for this guide, not quoted from the sources)");
    expect(out).toContain("[2] Practice 3, Equity and Inclusion, management dimension C (practices.3.management.c)\n    “address implicit biases”");
    expect(out.split("project-written")).toHaveLength(2);
    expect(out).not.toContain("\x1b[");
  });

  it("uses colour only when asked", () => {
    expect(renderTerminalAnswer(answered, { colour: true })).toContain("\x1b[36m[1]\x1b[0m");
  });

  it("says when a language model wrote the answer, and shows no sources for a refusal", () => {
    expect(renderTerminalAnswer({ ...answered, mode: "generated" })).toMatch(/Written by a language model/);
    const refused = renderTerminalAnswer({ ...answered, status: "refused", text: "The guide doesn't cover that.", citations: [] });
    expect(refused).toBe("The guide doesn't cover that.");
  });

  it("strips terminal control sequences that came from a question or the corpus", () => {
    const hostile = renderTerminalAnswer({ ...answered, text: "hi \x1b[2J\x1b]0;pwned\x07 there", citations: [] });
    expect(hostile).not.toContain("\x1b");
    expect(hostile).not.toContain("\x07");
  });
});
