import { describe, expect, it } from "vitest";
import { normaliseForQuote, quoteOccursIn, sourceSliceFor, verifyCitations } from "./verify-citations.js";

const sections = [
  { id: "practices.3.leadership.a", text: "Authentically bringing everyone, including traditionally excluded\n individuals and groups, into processes" },
  { id: "workshops.booking", text: "To reserve a workshop email: workshops@icma.org" },
];

describe("verifyCitations", () => {
  it("accepts quotes that are verbatim up to whitespace", () => {
    const check = verifyCitations(
      { citations: [{ n: 1, sectionId: "practices.3.leadership.a", quote: "traditionally excluded individuals   and groups" }] },
      sections,
    );
    expect(check).toEqual({ ok: true, problems: [] });
  });

  it("rejects a tampered quote and an unknown section id", () => {
    const check = verifyCitations(
      {
        citations: [
          { n: 1, sectionId: "practices.3.leadership.a", quote: "traditionally included individuals" },
          { n: 2, sectionId: "practices.99", quote: "anything" },
          { n: 3, sectionId: "workshops.booking", quote: "workshops@icma.org" },
        ],
      },
      new Map(sections.map((s) => [s.id, s])),
    );
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([
      { n: 1, sectionId: "practices.3.leadership.a", problem: "quote-not-verbatim" },
      { n: 2, sectionId: "practices.99", problem: "unknown-section" },
    ]);
  });

  it("never accepts an empty quote", () => {
    expect(quoteOccursIn("   ", "any text")).toBe(false);
  });

  it("treats typographic and straight quotes alike", () => {
    expect(normaliseForQuote("ICMA\u2019s \u201Cideals\u201D \u2014 now")).toBe(`ICMA's "ideals" - now`);
  });

  it("gives back the source's own slice for a quote retyped with other spaces and punctuation", () => {
    const text = "Leaders build\n  ICMA\u2019s \u201Ctrust\u201D \u2014 daily.\nNext line.";
    expect(sourceSliceFor(`ICMA's "trust" - daily.`, text)).toBe("ICMA\u2019s \u201Ctrust\u201D \u2014 daily.");
    expect(sourceSliceFor("build ICMA's", text)).toBe("build\n  ICMA\u2019s");
    expect(sourceSliceFor("not there", text)).toBeNull();
    expect(sourceSliceFor("  ", text)).toBeNull();
  });
});
