// The one sentence splitter: where sentences end, what never ends one, and that every
// sentence is an exact slice of its input.
import { describe, expect, it } from "vitest";
import { splitSentences, type Sentence } from "./sentences.js";

const texts = (sentences: Sentence[]) => sentences.map((s) => s.text);
const MARKER = /\[\d+(?:\s*,\s*\d+)*\]/;

describe("splitSentences", () => {
  it("returns each sentence as an exact slice with its offsets, without surrounding space", () => {
    const text = "  First one.  Second one?\n\n Third! ";
    const sentences = splitSentences(text);
    expect(texts(sentences)).toEqual(["First one.", "Second one?", "Third!"]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("ends a sentence at every line break, with or without punctuation", () => {
    expect(texts(splitSentences("Key points:\n- one\r\n- two"))).toEqual(["Key points:", "- one", "- two"]);
    expect(splitSentences("")).toEqual([]);
    expect(splitSentences(" \n\n ")).toEqual([]);
  });

  it("keeps closing quotes and brackets with the sentence they close", () => {
    expect(texts(splitSentences('He said "Go." Then he left. (See below.) Done.\u201D Next'))).toEqual([
      'He said "Go."',
      "Then he left.",
      "(See below.)",
      "Done.\u201D",
      "Next",
    ]);
  });

  it("splits before anything that is not a lowercase word: a capital, a digit, a dash, a bracket", () => {
    expect(texts(splitSentences("Bad in the U.S., compared with 61%. 41% of Whites agreed."))).toEqual([
      "Bad in the U.S., compared with 61%.",
      "41% of Whites agreed.",
    ]);
    expect(texts(splitSentences("We protect assets. \u2014 MARC OTT"))).toEqual(["We protect assets.", "\u2014 MARC OTT"]);
    expect(texts(splitSentences("Builds integrity. [PM magazine, March 2020]"))).toEqual(["Builds integrity.", "[PM magazine, March 2020]"]);
  });

  it("does not split before a lowercase word, inside numbers or after abbreviations, initials and list numbers", () => {
    for (const one of [
      "Use tools, e.g. surveys and forums.",
      "It costs $3.5 million in the U.S. and abroad.",
      "Benoy Jacob, Ph.D. Director of research.",
      "Ask Dr. Smith or Mrs. Jones, e.g. Monday.",
      "By Kevin C. Desouza and Ely, T. L. and Jacob, B., Public Admin Rev, 2013.",
      "1. Personal and Professional Integrity",
      "iv. Strategic Planning",
    ]) {
      expect(texts(splitSentences(one))).toEqual([one]);
    }
  });

  it("splits after an ellipsis, repeated marks and ?/!", () => {
    expect(texts(splitSentences("It works... Maybe. Yes!! Right? Sure"))).toEqual(["It works...", "Maybe.", "Yes!!", "Right?", "Sure"]);
  });

  it("leaves a list line's bullet out when asked, still as an exact slice", () => {
    const text = "Activities:\n- Plan the budget.\n\u2022 Hire staff";
    const sentences = splitSentences(text, { withoutListBullets: true });
    expect(texts(sentences)).toEqual(["Activities:", "Plan the budget.", "Hire staff"]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  describe("with a trailing pattern (citation markers)", () => {
    const split = (text: string) => texts(splitSentences(text, { trailing: MARKER }));

    it("keeps what trails a sentence's punctuation with it", () => {
      expect(split("First claim [1]. Second claim.[2] Third claim? [3] [4, 5] Fourth")).toEqual([
        "First claim [1].",
        "Second claim.[2]",
        "Third claim? [3] [4, 5]",
        "Fourth",
      ]);
    });

    it("takes stray punctuation after the trailing items too", () => {
      expect(split("One claim. [2]. Two [3].")).toEqual(["One claim. [2].", "Two [3]."]);
    });

    it("does not split when a lowercase word follows the trailing items", () => {
      expect(split("First point. [1] and more. Next.")).toEqual(["First point. [1] and more.", "Next."]);
    });

    it("never carries trailing items across a line break", () => {
      expect(split("One claim.\n[2] Two.")).toEqual(["One claim.", "[2] Two."]);
    });

    it("without the pattern, a marker after a full stop starts the next sentence", () => {
      expect(texts(splitSentences("One claim. [2] Two."))).toEqual(["One claim.", "[2] Two."]);
    });
  });
});
