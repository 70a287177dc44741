import { describe, expect, it } from "vitest";
import type { Section } from "../corpus/section.js";
import { englishWords, SortedWordList, SpellingCorrector } from "./spelling.js";

const section = (text: string): Section => ({ id: "s", kind: "dimension", title: "Community engagement", text, parent: null, lines: [1, 1], source: null }) as Section;
const corrector = new SpellingCorrector([section("Building resiliency and enacting a crisis communication protocol. Succession planning. Write a plan.")]);

describe("SpellingCorrector", () => {
  it("corrects a typo to the nearest corpus word", () => {
    expect(corrector.correct("community engagment and resilency")).toBe("community engagement and resiliency");
  });

  it("leaves English words the corpus does not use as typed", () => {
    expect(corrector.correct("the exact dates")).toBe("the exact dates");
  });

  it("corrects an English word when the correction makes a phrase the corpus uses", () => {
    expect(corrector.correct("succession planing")).toBe("succession planning");
    expect(corrector.correct("planing the wood")).toBe("planing the wood");
    expect(corrector.correct("who wrote a crisis plan")).toBe("who wrote a crisis plan");
  });

  it("leaves contractions typed without their apostrophe as typed", () => {
    const near = new SpellingCorrector([section("A change agent. Parent groups. Doesn't apply.")]);
    expect(near.correct("what does it cost if we arent members")).toBe("what does it cost if we arent members");
    expect(near.correct("doesnt it apply if youre a parent")).toBe("doesnt it apply if youre a parent");
    expect(near.correct("parentt groups")).toBe("parent groups");
  });

  it("leaves short words, numbers and capitalised words it knows alone", () => {
    expect(corrector.correct("Crisis plan 2024")).toBe("Crisis plan 2024");
  });

  it("reads a real English dictionary", () => {
    const words = englishWords();
    expect(words.size).toBeGreaterThan(200_000);
    expect(words.has("keynote")).toBe(true);
    expect(words.has("resilency")).toBe(false);
  });
});

describe("SpellingCorrector on short slips", () => {
  it("turns a short non-word into the one question word it is a keystroke from", () => {
    expect(corrector.correct("wht does succession planning mean")).toBe("what does succession planning mean");
    expect(corrector.correct("teh crisis protocol")).toBe("the crisis protocol");
  });

  it("leaves short words alone when they are English, corpus words, abbreviations or a slip of two words", () => {
    // "hwo" is a swap from both "how" and "who"; "govt" and "dei" are no keystroke from a question word.
    expect(corrector.correct("hwo writes the plan")).toBe("hwo writes the plan");
    expect(corrector.correct("govt dei plan")).toBe("govt dei plan");
    expect(corrector.correct("the wit of a plan")).toBe("the wit of a plan");
  });
});

describe("SortedWordList", () => {
  it("finds every word of its lines, strays out of order included, and nothing else", () => {
    const words = new SortedWordList(["apple", "banana", "fig", "apple", "", "pear", "banana", "zucchini", "grap"].join("\n"));
    expect(words.size).toBe(6);
    for (const w of ["apple", "banana", "fig", "pear", "zucchini", "grap"]) expect(words.has(w)).toBe(true);
    for (const w of ["", "appl", "apples", "aardvark", "zzz", "fig\npear", "grape"]) expect(words.has(w)).toBe(false);
  });

  it("agrees with a Set on the whole English list", () => {
    const list = englishWords();
    // "manlihood" and "sharrowed" come after their neighbours in the package's file.
    for (const w of ["aa", "zzzs", "manlihood", "manlily", "sharrowed", "sharrows", "keynote"]) expect(list.has(w)).toBe(true);
    for (const w of ["resilency", "engagment", "zzzz", "a"]) expect(list.has(w)).toBe(false);
  });
});
