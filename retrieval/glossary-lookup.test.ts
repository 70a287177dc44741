import { describe, expect, it } from "vitest";
import type { Section } from "../corpus/section.js";
import { GlossaryIndex } from "./glossary-lookup.js";

const entry = (slug: string, title: string, aliases: string[] = []): Section =>
  ({ id: `glossary.${slug}`, kind: "glossary", title, text: `${title} means something.`, parent: null, lines: [1, 1], source: null, aliases }) as Section;
const glossary = new GlossaryIndex([entry("disparity", "Disparity"), entry("equity", "Equity"), entry("implicit-bias", "Implicit bias"), entry("explicit-bias", "Explicit bias")]);
const ids = (q: string) => glossary.lookupQuestion(q).map((m) => m.section.id);

describe("GlossaryIndex.lookupQuestion", () => {
  it("reads explicit lookups, bare terms and comparisons", () => {
    expect(ids("define equity")).toEqual(["glossary.equity"]);
    expect(ids("What does disparity mean?")).toEqual(["glossary.disparity"]);
    expect(ids("equity")).toEqual(["glossary.equity"]);
    expect(ids("implicit vs explicit bias")).toEqual(["glossary.implicit-bias", "glossary.explicit-bias"]);
  });

  it("reads a lookup after a short lead-in, and \"how does it define X\"", () => {
    expect(ids("you mentioned implicit bias - what's that?")).toEqual(["glossary.implicit-bias"]);
    expect(ids("the first one, what does disparity mean?")).toEqual(["glossary.disparity"]);
    expect(ids("ok, so how does it define equity then?")).toEqual(["glossary.equity"]);
    // A lead-in that names no entry, or a last clause that is no lookup, is none.
    expect(ids("our budget office, what's that?")).toEqual([]);
    expect(ids("the second one, what does it say about equity?")).toEqual([]);
  });

  it("reads an explicit lookup by the first words of one entry's name, never of two or by one word", () => {
    const more = new GlossaryIndex([entry("historically-marginalized-populations", "Historically marginalized populations"), entry("racial-equity", "Racial equity"), entry("racial-equity-lens", "Racial equity lens")]);
    const found = (q: string) => more.lookupQuestion(q).map((m) => m.section.id);
    expect(found("the first one - what does historically marginalized mean?")).toEqual(["glossary.historically-marginalized-populations"]);
    expect(found("what does historically marginalized mean?")).toEqual(["glossary.historically-marginalized-populations"]);
    expect(found("what does historically mean?")).toEqual([]);
    expect(found("define racial equity")).toEqual(["glossary.racial-equity"]);
    expect(found("historically marginalized")).toEqual([]);
  });

  it("forgives typos in the framing words and a closing request for plain words", () => {
    expect(ids("equity definiton")).toEqual(["glossary.equity"]);
    expect(ids("disparity meanig")).toEqual(["glossary.disparity"]);
    expect(ids("what's a disparity, in plain english?")).toEqual(["glossary.disparity"]);
    expect(ids("whats an implict bias")).toEqual(["glossary.implicit-bias"]);
    expect(ids("implcit bais definition")).toEqual(["glossary.implicit-bias"]);
    expect(ids("impilcit bias meaning")).toEqual(["glossary.implicit-bias"]);
    expect(ids("Could you give me a working definition of disparity for an equity training handout?")).toEqual(["glossary.disparity"]);
    expect(ids("what's equity mean in local government, exactly?")).toEqual(["glossary.equity"]);
    expect(ids("What's ICMA's definition of equity?")).toEqual([]);
    expect(ids("define equity pls")).toEqual(["glossary.equity"]);
    expect(ids("disparity definition glossary")).toEqual(["glossary.disparity"]);
    expect(ids("define equity, according to the glossary")).toEqual(["glossary.equity"]);
    expect(ids("so what's equity then?")).toEqual(["glossary.equity"]);
    expect(ids("ok, and what's a disparity?")).toEqual(["glossary.disparity"]);
    expect(ids("equity definition local government")).toEqual(["glossary.equity"]);
    expect(ids("what does disparity mean in local government")).toEqual(["glossary.disparity"]);
  });

  it("is not a lookup when the question asks something else", () => {
    expect(ids("What does the toolkit say about hiring, in plain english?")).toEqual([]);
    expect(ids("How do we build equity into the budget process this year?")).toEqual([]);
  });
});
