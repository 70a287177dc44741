import { describe, expect, it } from "vitest";
import { CorpusStats } from "../../retrieval/text/corpus-stats.js";
import { contentTerms } from "../../retrieval/text/text-terms.js";
import type { Section } from "../../corpus/section.js";
import { ExtractiveComposer } from "./compose-extractive.js";
import { verifyCitations } from "./verify-citations.js";

const section = (id: string, text: string): Section => ({ id, kind: "resource", title: id, text, parent: null, lines: [1, 1], source: null }) as Section;
const filler = (topic: string, n: number) => Array.from({ length: n }, (_, i) => `Our ${topic} work continues with step ${i + 1} of a long and careful plan.`).join(" ");

const commitment = section(
  "commitment",
  [
    "ICMA has made a focused commitment to race, equity, and social justice.",
    filler("equity", 14),
    "We work to mitigate the effects of bias in all areas of local government, such as hiring and workplace culture.",
  ].join("\n\n"),
);
const shortOne = section("short", "Half-day workshops cost $3,960 for up to 50 participants.");
const stats = new CorpusStats([commitment, shortOne]);
const composer = new ExtractiveComposer(stats);
const question = (text: string, clauses: string[] = []) => ({ terms: contentTerms(text), clauses: clauses.map(contentTerms) });

describe("ExtractiveComposer.compose", () => {
  it("quotes a short section whole, every sentence cited", () => {
    const answer = composer.compose(question("workshop price"), [{ section: shortOne, score: 1 }]);
    expect(answer.text).toBe("Half-day workshops cost $3,960 for up to 50 participants. [1]");
    expect(verifyCitations(answer, [shortOne]).ok).toBe(true);
  });

  it("quotes a labelled field the question names, however common its words", () => {
    const workshop = section("workshop", [filler("racism history", 20), "(Practice Groups: 3, 8, 9, 14)"].join("\n\n"));
    const answer = new ExtractiveComposer(new CorpusStats([workshop, commitment])).compose(question("Which practice groups does the racism history workshop map to?"), [{ section: workshop, score: 1 }]);
    expect(answer.text).toContain("(Practice Groups: 3, 8, 9, 14)");
    expect(verifyCitations(answer, [workshop]).ok).toBe(true);
  });

  it("quotes a complement right after the best section, by the sentence closest to the words it answers, even from another family", () => {
    const answer = composer.compose(question("workshop price and bias in hiring"), [{ section: shortOne, score: 1 }], [], undefined, [{ section: commitment, answers: contentTerms("bias hiring") }]);
    expect(answer.citations.map((c) => c.sectionId)).toEqual(["short", "commitment"]);
    expect(answer.citations[1]!.quote).toContain("mitigate the effects of bias");
    expect(verifyCitations(answer, [shortOne, commitment]).ok).toBe(true);
  });

  it("keeps a long section's quotes within the character budget", () => {
    const answer = composer.compose(question("equity work plan"), [{ section: commitment, score: 1 }]);
    expect(answer.text.length).toBeLessThan(900);
    expect(answer.citations.length).toBeGreaterThan(0);
    expect(verifyCitations(answer, [commitment]).ok).toBe(true);
  });

  it("answers each part of a multi-part question from its best sentence", () => {
    const text = "What is ICMA's commitment on race and social justice, and which areas of local government does it target?";
    const answer = composer.compose(question(text, ["What is ICMA's commitment on race and social justice", "which areas of local government does it target"]), [
      { section: commitment, score: 1 },
    ]);
    expect(answer.text).toContain("focused commitment");
    expect(answer.text).toContain("all areas of local government");
  });

  it("leads with the sentences that state the asked facts, without quoting them twice", () => {
    const sentence = "We work to mitigate the effects of bias in all areas of local government, such as hiring and workplace culture.";
    const answer = composer.compose(question("which areas"), [{ section: commitment, score: 1 }], [{ section: commitment, sentence }]);
    expect(answer.text.startsWith(`${sentence} [1]`)).toBe(true);
    expect(answer.text.split(sentence).length).toBe(2);
    expect(verifyCitations(answer, [commitment]).ok).toBe(true);
  });
});

describe("ExtractiveComposer.compose asked which practice", () => {
  it("names and defines the practice first, then quotes its dimension", () => {
    const practice = { ...section("practices.8", "Engaging with elected officials to create and execute policies."), kind: "practice", title: "Practice 8: Policy Facilitation" } as Section;
    const dimension = { ...section("practices.8.management.e", "Respecting the role of elected and appointed officials"), kind: "dimension" } as Section;
    const answer = composer.compose(question("which practice is about elected officials"), [{ section: dimension, score: 1 }, { section: practice, score: 0.9 }], [], practice);
    expect(answer.text).toBe("Practice 8, Policy Facilitation: Engaging with elected officials to create and execute policies. [1]\nRespecting the role of elected and appointed officials [2]");
    expect(verifyCitations(answer, [practice, dimension]).ok).toBe(true);
  });
});

describe("ExtractiveComposer.compose with a short stating section", () => {
  it("quotes the whole section once instead of its sentence and then the section", () => {
    const answer = composer.compose(question("workshop price"), [{ section: shortOne, score: 1 }], [{ section: shortOne, sentence: "Half-day workshops cost $3,960 for up to 50 participants." }]);
    expect(answer.citations).toHaveLength(1);
    expect(answer.text.match(/\$3,960/g)).toHaveLength(1);
  });
});

describe("ExtractiveComposer.bestQuotes", () => {
  it("brings the line after a sentence that introduces a list", () => {
    const activities = section(
      "activities",
      [filler("cyber", 12), "Here is a list of program activities:", "Breakout Group Meeting with your breakout group members.", "Read a document or case study."].join("\n"),
    );
    const quotes = new ExtractiveComposer(new CorpusStats([activities])).bestQuotes(activities, question("list of program activities"), 1);
    expect(quotes).toEqual(["Here is a list of program activities:", "Breakout Group Meeting with your breakout group members."]);
  });

  it("adds a follow-on section of the same family, but one of another family only when the question names it", () => {
    const delegating = { ...section("practices.4.management.c", "Delegating: assigning responsibility to others and relying on staff."), title: "Delegating" };
    const roleModel = { ...section("practices.4.leadership.d", "Being a role model for staff who take on responsibility."), title: "Role model" };
    const prices = { ...section("programs.cybersecurity-leadership.cost", "The program costs $2,495 for staff, members pay less."), title: "Cybersecurity Leadership Program: cost" };
    const ranked = [
      { section: delegating, score: 1 },
      { section: prices, score: 0.99 },
      { section: roleModel, score: 0.9 },
    ];
    const cited = (q: string) => composer.compose(question(q), ranked).citations.map((c) => c.sectionId);
    expect(cited("relying on staff with responsibility")).toEqual(["practices.4.management.c", "practices.4.leadership.d"]);
    expect(cited("relying on staff, and the Cybersecurity Leadership Program cost")).toContain("programs.cybersecurity-leadership.cost");
  });
});
