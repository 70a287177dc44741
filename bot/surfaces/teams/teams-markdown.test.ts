// Lengths as Teams counts them (UTF-16 code units) and cuts that fall between words, never
// inside a character.
import { describe, expect, it } from "vitest";
import { graphemePrefix, jsonLength, prefixAtWordBoundary, truncateWithEllipsis } from "./teams-markdown.js";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("truncateWithEllipsis", () => {
  it("keeps text within the limit as it is", () => {
    expect(truncateWithEllipsis("Implicit bias", 80)).toBe("Implicit bias");
  });

  it("counts UTF-16 code units, as Teams does, so emoji count twice", () => {
    const title = "🙂".repeat(60);
    const cut = truncateWithEllipsis(title, 80);
    expect(cut.length).toBeLessThanOrEqual(80);
    expect(cut).not.toMatch(LONE_SURROGATE);
    expect(cut).toBe(`${"🙂".repeat(39)}…`);
  });

  it("cuts between words, even when the last space is early", () => {
    const text = "Short start then an extraordinarily-long-hyphenated-compound-word-that-runs-past-the-limit";
    const cut = truncateWithEllipsis(text, 40);
    expect(cut).toBe("Short start then an…");
    expect(truncateWithEllipsis("Attitudes or stereotypes that affect a person's understanding", 30)).toBe("Attitudes or stereotypes that…");
  });

  it("never splits an emoji sequence or a surrogate pair at the cut", () => {
    const text = `${"a".repeat(76)}👩🏽‍💼 and more`;
    const cut = truncateWithEllipsis(text, 80);
    expect(cut).not.toMatch(LONE_SURROGATE);
    expect(cut.length).toBeLessThanOrEqual(80);
    expect(cut).toBe(`${"a".repeat(76)}…`);
  });
});

describe("graphemePrefix and prefixAtWordBoundary", () => {
  it("keeps whole characters within the budget", () => {
    expect(graphemePrefix("ab🙂cd", 3)).toBe("ab");
    expect(graphemePrefix("ab🙂cd", 4)).toBe("ab🙂");
    expect(graphemePrefix("abc", 10)).toBe("abc");
  });

  it("pulls a cut back to the end of the last whole word", () => {
    expect(prefixAtWordBoundary("one two three", "one two th")).toBe("one two");
    expect(prefixAtWordBoundary("one two three", "one two")).toBe("one two");
    expect(prefixAtWordBoundary("one two three", "one two ")).toBe("one two");
    expect(prefixAtWordBoundary("onetwothree", "onetwo")).toBe("onetwo");
  });
});

describe("jsonLength", () => {
  it("is the UTF-16 length of the JSON, not its UTF-8 bytes", () => {
    expect(jsonLength({ t: "é—🙂" })).toBe('{"t":"é—🙂"}'.length);
    expect(jsonLength({ t: "é—🙂" })).toBeLessThan(Buffer.byteLength('{"t":"é—🙂"}'));
  });
});
