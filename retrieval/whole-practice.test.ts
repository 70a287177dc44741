import { describe, expect, it } from "vitest";
import { loadCorpus } from "../corpus/load-corpus.js";
import type { Section } from "../corpus/section.js";
import { asksWhichPractice, findNamedDimension, findWholePractice, namedPractice, preferPractice } from "./whole-practice.js";

const { byId } = loadCorpus("corpus");
const named = (q: string) => namedPractice(q, byId)?.id;

describe("namedPractice", () => {
  it("finds a practice by number, by half its name, or by a name word just before 'practice'", () => {
    expect(named("what does practice 7 say about plans")).toBe("practices.7");
    expect(named("Does ICMA's equity competency support that approach?")).toBe("practices.3");
    expect(named("What does the tech practice expect from managers on IT security?")).toBe("practices.11");
    expect(named("What do the communication practices say we should have in place?")).toBe("practices.14");
    expect(named("Staff hate the new software. What does the tech practice say?")).toBe("practices.11");
    expect(named("what dose icma say the hr practce is about")).toBe("practices.13");
    expect(named("what does the IT practice say about security?")).toBe("practices.11");
    expect(named("practise 6 strategic leadrship summary pls")).toBe("practices.6");
  });

  it("reads a practice's number however it is written, but not a place within something else", () => {
    expect(named("does practice three cover diverse backgrounds")).toBe("practices.3");
    expect(named("Practice XII in a nutshell?")).toBe("practices.12");
    expect(named("What's ICMA's first practice about?")).toBe("practices.1");
    expect(named("in plain terms, what is the first ICMA practice asking of managers?")).toBe("practices.1");
    expect(findWholePractice("What's ICMA's fourth practice about?", byId)?.id).toBe("practices.4");
    // A place in a group, or a range of practices, is not a practice's number.
    expect(named("the first practice in the last group, what's that about?")).toBeUndefined();
    expect(named("what do practices 1 to 5 have in common?")).toBeUndefined();
  });

  it("does not take praise of practices for a practice's name, nor guess between two", () => {
    expect(named("what are ICMA's leading practices on hiring")).toBeUndefined();
    expect(named("best practices for snow removal")).toBeUndefined();
    // The document's own name is not half of Strategic Leadership's.
    expect(named("When were the ICMA leadership practices approved?")).toBeUndefined();
    expect(named("what does the strategic leadership practice say")).toBe("practices.6");
    // Asked which practice, topic words are no name; the whole name still is.
    expect(named("Which practice includes communicating sound information and recommendations?")).toBeUndefined();
    expect(named("Is there a practice about holding all staff to the same rules?")).toBeUndefined();
    expect(named("Which practice covers service delivery, and how's it defined?")).toBe("practices.10");
    expect(named("how do we engage residents")).toBeUndefined();
  });

  it("answers a bare practice question as the whole practice, a narrower one not", () => {
    expect(findWholePractice("what does the tech practice say", byId)?.id).toBe("practices.11");
    expect(findWholePractice("What does the tech practice expect from managers on IT security?", byId)).toBeUndefined();
  });
});

describe("asksWhichPractice", () => {
  it("is a question asking which practice holds something, not one about a practice it names", () => {
    for (const q of ["Which practice covers IT security?", "which ICMA practice is about working with elected officials", "Is there a practice about holding all staff to the same rules?", "What practice says to stay up to date on HR trends?"]) expect(asksWhichPractice(q), q).toBe(true);
    for (const q of ["What does practice 14 mean by emotional intelligence?", "What is Practice 8's leadership dimension J?", "what practice 3 says about hiring"]) expect(asksWhichPractice(q), q).toBe(false);
  });
});

describe("findNamedDimension", () => {
  const dimension = (q: string, previous?: string) => {
    const found = findNamedDimension(q, byId, previous);
    return found && { id: found.section.id, alone: found.alone };
  };

  it("finds one dimension by practice, side and letter, never the whole practice", () => {
    expect(dimension("What does Practice 3 management dimension B say?")).toEqual({ id: "practices.3.management.b", alone: true });
    expect(dimension("practice 8 leadership H")).toEqual({ id: "practices.8.leadership.h", alone: true });
    expect(findWholePractice("What does Practice 3 management dimension B say?", byId)).toBeUndefined();
    expect(dimension("What does Practice 3 management dimension B say about hiring data?")).toEqual({ id: "practices.3.management.b", alone: false });
  });

  it("finds the practice of a named dimension by a word of its name right before the side", () => {
    expect(findNamedDimension("What does HR management dimension D say?", byId)?.section.id).toBe("practices.13.management.d");
    expect(findNamedDimension("budget leadership dimension c", byId)?.section.id).toBe("practices.12.leadership.c");
    expect(findNamedDimension("hr practice management d", byId)?.section.id).toBe("practices.13.management.d");
    expect(findNamedDimension("does the HR practice help management a lot", byId)).toBeUndefined();
  });

  it("finds the practice of a named dimension by its name alone", () => {
    expect(dimension("What's management dimension A under community engagement?")?.id).toBe("practices.2.management.a");
    expect(dimension("What is the last leadership dimension under Financial Management and Budgeting?")?.id).toBe("practices.12.leadership.f");
    expect(dimension("What's the first management dimension under Strategic Leadership?")?.id).toBe("practices.6.management.a");
  });

  it("takes the previous answer's practice for a letter alone, and leaves articles and missing letters be", () => {
    expect(dimension("And management E?", "practices.12")).toEqual({ id: "practices.12.management.e", alone: true });
    expect(dimension("does practice 4 management a lot of staff?")).toBeUndefined();
    expect(dimension("What is Practice 1 management dimension F?")).toBeUndefined();
  });

  it("reads an ordinal or 'last' as the letter, among that practice's dimensions on that side", () => {
    expect(dimension("What is the second management dimension of Practice 4?")).toEqual({ id: "practices.4.management.b", alone: true });
    expect(dimension("what's the first management item in the budgeting practice?")?.id).toBe("practices.12.management.a");
    expect(dimension("what's the last leadership item in Practice 4?")).toEqual({ id: "practices.4.leadership.g", alone: true });
    expect(dimension("and the 3rd leadership one?", "practices.8")?.id).toBe("practices.8.leadership.c");
    expect(findWholePractice("What is the second management dimension of Practice 4?", byId)).toBeUndefined();
    // One past the last is no dimension (numbered-items.ts says what exists).
    expect(dimension("What's the eighth leadership dimension for Staff Effectiveness?")).toBeUndefined();
  });
});

describe("preferPractice", () => {
  it("puts the named practice's sections first, keeping retrieved order within each group", () => {
    const hit = (id: string) => ({ section: { id } as Section, score: 1 });
    const hits = ["practices.9.leadership.e", "practices.3.leadership.b", "toolkit", "practices.3"].map(hit);
    expect(preferPractice(hits, "practices.3").map((h) => h.section.id)).toEqual(["practices.3.leadership.b", "practices.3", "practices.9.leadership.e", "toolkit"]);
  });

  it("puts the side asked for first within the practice", () => {
    const hit = (id: string) => ({ section: { id } as Section, score: 1 });
    const hits = ["practices.5.leadership.d", "practices.5.management.a", "practices.7.management.e", "practices.5"].map(hit);
    expect(preferPractice(hits, "practices.5", "management").map((h) => h.section.id)).toEqual(["practices.5.management.a", "practices.5.leadership.d", "practices.5", "practices.7.management.e"]);
  });
});
