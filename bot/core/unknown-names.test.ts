import { describe, expect, it } from "vitest";
import type { Section } from "../../corpus/section.js";
import { CorpusStats } from "../../retrieval/text/corpus-stats.js";
import { glossaryEntryAsked, madeThingNames, missingNamedThing, quotedThingNames } from "./unknown-names.js";
import { nonexistentItemReply } from "./wording.js";

const section = (id: string, kind: string, title: string, text: string, aliases?: string[]): Section =>
  ({ id, kind, title, text, parent: null, lines: [1, 1], source: null, aliases }) as Section;

const all = [
  section("programs.institute", "program", "ICMA Equity Officer Institute", "ICMA invites you to apply to the ICMA Equity Officer Institute."),
  section("programs.cyber", "program", "ICMA Cybersecurity Leadership Program: a 12-week program", "The Cybersecurity Leadership Program pairs managers with CISOs."),
  section("toolkit.glossary", "toolkit", "Glossary", "This glossary is a tool for understanding common expressions."),
  section("glossary.racism", "glossary", "Racism", "Prejudice or hostility directed at people because of their race."),
  section("glossary.implicit-bias", "glossary", "Implicit bias", "Attitudes that affect understanding unconsciously; see also microaggressions.", ["unconscious bias"]),
  section("glossary.pay-equity", "glossary", "Pay equity", "Employees doing the same or comparable work are paid fairly."),
];
const byId = new Map(all.map((s) => [s.id, s]));
const stats = new CorpusStats(all);

describe("madeThingNames", () => {
  it("reads capitalised names that end in a kind noun, and leaves topics and the product's name alone", () => {
    expect(madeThingNames("Tell me about the ICMA Equity Bootcamp for new managers")).toEqual(["ICMA Equity Bootcamp"]);
    // A request's opening verb is capitalised for standing first, not for being part of the name.
    expect(madeThingNames("Describe the ICMA Rural Equity Fellowship.")).toEqual(["ICMA Rural Equity Fellowship"]);
    expect(madeThingNames("How do I join the Leadership Institute on Race and Equity?")).toEqual(["Leadership Institute on Race"]);
    expect(madeThingNames("Did ICMA have a Task Force on Rural Equity?")).toEqual(["Task Force on Rural Equity"]);
    for (const q of ["is there an equity bootcamp?", "What does the ICMA Program cost?", "Ask Practice Guide", "Which Program is best?"]) expect(madeThingNames(q), q).toEqual([]);
  });
});

describe("quotedThingNames", () => {
  it("reads a quoted title beside a kind noun anywhere in the question, and leaves other quotes alone", () => {
    expect(quotedThingNames('What does ICMA\'s workshop "Strategic Planning for Small Communities" cover?')).toEqual(["Strategic Planning for Small Communities"]);
    expect(quotedThingNames('My manager mentioned a report called "Service Delivery Benchmarking Report 2021". Can you summarize it?')).toEqual(["Service Delivery Benchmarking Report 2021"]);
    expect(quotedThingNames('Is the “Equity Officer Institute” program still running?')).toEqual(["Equity Officer Institute"]);
    expect(quotedThingNames("She loved an ICMA workshop called 'Leading Trauma-Informed Local Government' last year.")).toEqual(["Leading Trauma-Informed Local Government"]);
    expect(quotedThingNames("What's in ICMA's workshop on 'equity' and the managers' course?")).toEqual([]);
    for (const q of ['What does "lived experience" mean?', 'My boss keeps saying "Do More With Less" to the team', 'the "equity lens" workshop']) expect(quotedThingNames(q), q).toEqual([]);
  });
});

describe("missingNamedThing", () => {
  it("refuses a quoted title no section holds, even when the question asks about it later", () => {
    expect(missingNamedThing('A colleague mentioned a report called "Municipal Fairness Rankings 2021". Can you summarize its findings?', byId, stats)).toMatchObject({ kind: "named", asked: "Municipal Fairness Rankings 2021" });
    expect(missingNamedThing('Is the "Equity Officer Institute" program open to county staff?', byId, stats)).toBeNull();
  });

  it("refuses a name no section holds, offering a title that shares all but one of its words", () => {
    expect(nonexistentItemReply(missingNamedThing("How do I sign up for the Cybersecurity Leadership Academy?", byId, stats)!)).toMatch(
      /^The guide's sources don't mention anything called "Cybersecurity Leadership Academy"\. The nearest they have is "ICMA Cybersecurity Leadership Program: a 12-week program"\./,
    );
    expect(missingNamedThing("Tell me about the ICMA Equity Bootcamp", byId, stats)).toEqual({ kind: "named", asked: "ICMA Equity Bootcamp", nearest: null });
  });

  it("reads a name in the scene before the ask, and leaves a real one there alone", () => {
    expect(missingNamedThing("A colleague mentioned an ICMA Rural Equity Academy for small towns. I run a village of 4,000. How do I apply?", byId, stats)).toMatchObject({ kind: "named", asked: "ICMA Rural Equity Academy" });
    expect(missingNamedThing("A colleague loved the ICMA Equity Officer Institute. I run a village of 4,000. How do I apply?", byId, stats)).toBeNull();
    expect(missingNamedThing("Our Springfield Equity Academy starts soon. How do we make it welcoming?", byId, stats)).toBeNull();
  });

  it("lets names the corpus holds through, also after a joiner, and a scene's name when the ask names another", () => {
    expect(missingNamedThing("What is the Equity Officer Institute?", byId, stats)).toBeNull();
    expect(missingNamedThing("What's the URL for the Cybersecurity Leadership Program?", byId, stats)).toBeNull();
    expect(missingNamedThing("We're launching the Springfield Equity Academy this year. What does the Equity Officer Institute offer?", byId, stats)).toBeNull();
  });
});

describe("glossaryEntryAsked", () => {
  it("finds the entry a glossary question names, by title or alias", () => {
    expect(glossaryEntryAsked("What does the glossary say racism means?", byId, stats)).toEqual({ entry: byId.get("glossary.racism") });
    expect(glossaryEntryAsked("is unconscious bias in the glossary", byId, stats)).toEqual({ entry: byId.get("glossary.implicit-bias") });
    // "equity" frames a lookup ("the equity glossary") but is half of this name.
    expect(glossaryEntryAsked("How does the glossary define pay equity?", byId, stats)).toEqual({ entry: byId.get("glossary.pay-equity") });
    expect(glossaryEntryAsked("how does the glossary describe racism", byId, stats)).toEqual({ entry: byId.get("glossary.racism") });
  });

  it("says there is no entry when neither a name nor an entry's text holds the words asked", () => {
    const found = glossaryEntryAsked('What does the glossary say about "equity debt"?', byId, stats);
    expect(found).toEqual({ missing: { kind: "glossary-entry", asked: "equity debt", entries: 3 } });
    expect(nonexistentItemReply((found as { missing: Parameters<typeof nonexistentItemReply>[0] }).missing)).toMatch(/^The glossary has no entry for "equity debt": it defines 3 equity terms/);
  });

  it("finds an entry asked what it describes or gives, but calls nothing missing for such a question", () => {
    expect(glossaryEntryAsked("What examples does the glossary give of pay equity?", byId, stats)).toEqual({ entry: byId.get("glossary.pay-equity") });
    expect(glossaryEntryAsked("What kinds of past practices does the glossary give as examples?", byId, stats)).toBeNull();
  });

  it("calls nothing missing for an entry asked by what it means", () => {
    expect(glossaryEntryAsked("is there a glossary term for harm like that still showing up today?", byId, stats)).toBeNull();
    expect(glossaryEntryAsked("what's the glossary word for making services usable for people with disabilities?", byId, stats)).toBeNull();
    // Named, it is found as before.
    expect(glossaryEntryAsked("is there a glossary term for racism?", byId, stats)).toEqual({ entry: byId.get("glossary.racism") });
  });

  it("calls nothing missing for a question describing more than any entry's name could hold", () => {
    // The longest name here ("Implicit bias") has two words; these ask about more.
    expect(glossaryEntryAsked("What does the glossary say about whether disciplining one employee is enough to fix a hostile workplace?", byId, stats)).toBeNull();
    expect(glossaryEntryAsked("How does the glossary say staff groups like that can help a local government?", byId, stats)).toBeNull();
    // A short name that no entry holds is still missing.
    expect(glossaryEntryAsked("What does the glossary say about equity debts?", byId, stats)).toMatchObject({ missing: { kind: "glossary-entry" } });
  });

  it("leaves questions about the glossary itself, and words an entry's text uses, to the rest of the pipeline", () => {
    for (const q of ["Where does the glossary come from?", "who wrote the glossary's definitions?", "what does the glossary say about microaggressions?", "how do I run a budget meeting?"])
      expect(glossaryEntryAsked(q, byId, stats), q).toBeNull();
  });
});
