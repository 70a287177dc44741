import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../corpus/load-corpus.js";
import type { Section } from "../../corpus/section.js";
import { glossaryEntriesFor, partsOfTheSameThing, practiceGroupsOf, workshopsTiedTo } from "./related-sections.js";

const { sections, byId } = loadCorpus("corpus");
const section = (text: string): Section => ({ id: "w", kind: "workshop", title: "Workshop", text, parent: null, lines: [1, 1], source: null }) as Section;

describe("practiceGroupsOf", () => {
  it("reads the practice numbers of a workshop's Practice Groups line, however it is written", () => {
    expect(practiceGroupsOf(section("History of racism. (Practice Groups: 3, 8, 9, 14)"))).toEqual([3, 8, 9, 14]);
    expect(practiceGroupsOf(section("(Practice Groups: 4-Staff Effectiveness; 9 - Community and Resident Service; and 14 - Communication)"))).toEqual([4, 9, 14]);
    expect(practiceGroupsOf(section("No groups named, 12 participants."))).toEqual([]);
  });
});

describe("workshopsTiedTo", () => {
  it("finds the corpus's workshops tied to a practice, and none for a practice no workshop names", () => {
    const tied = workshopsTiedTo("practices.8", sections);
    expect(tied.length).toBeGreaterThan(0);
    for (const w of tied) expect(practiceGroupsOf(w)).toContain(8);
    expect(workshopsTiedTo("practices.99", sections)).toEqual([]);
  });
});

describe("glossaryEntriesFor", () => {
  it("lists the entries whose see-also names the section, in the order the section names their terms", () => {
    const dimension = byId.get("practices.3.management.b")!;
    const entries = glossaryEntriesFor(dimension, sections);
    expect(entries.length).toBeGreaterThan(1);
    for (const e of entries) expect(e.seeAlso).toContain(dimension.id);
    const places = entries.map((e) => dimension.text.toLowerCase().indexOf(e.title.toLowerCase().replace(/s$/, ""))).filter((i) => i >= 0);
    expect(places).toEqual([...places].sort((a, b) => a - b));
  });
});

describe("partsOfTheSameThing", () => {
  it("joins a program's parts, and a practice's dimensions, but not every practice or every glossary entry", () => {
    const program = partsOfTheSameThing(["programs.cybersecurity-leadership.structure"], byId);
    expect(program).toContain("programs.cybersecurity-leadership");
    expect(program).toContain("programs.cybersecurity-leadership.cost");
    expect(program).not.toContain("programs.icma-connect");
    const dimension = partsOfTheSameThing(["practices.3.management.e"], byId);
    expect(dimension).toContain("practices.3");
    expect(dimension).toContain("practices.3.management.d");
    expect(dimension).not.toContain("practices.4");
    expect(dimension).not.toContain("practices.4.management.d");
    expect([...partsOfTheSameThing(["glossary.intersectionality"], byId)]).toEqual(["glossary.intersectionality"]);
    expect(partsOfTheSameThing(["practices.3"], byId)).not.toContain("practices.4");
  });
});
