import { describe, expect, it } from "vitest";
import { CorpusStats } from "../../retrieval/text/corpus-stats.js";
import type { Section } from "../../corpus/section.js";
import { complementarySections } from "./complementary-sections.js";

const section = (id: string, kind: Section["kind"], title: string, text: string): Section =>
  ({ id, kind, title, text, parent: null, lines: [1, 1], source: null }) as Section;

const practice = section("practices.4", "practice", "Practice 4: Staff Effectiveness", "Promoting the development and performance of staff and employees throughout the organization.");
const coaching = section("practices.4.management.d", "dimension", "Practice 4: Staff Effectiveness", "Coaching and mentoring: helping employees grow through regular feedback.");
const delegating = section("practices.4.management.c", "dimension", "Practice 4: Staff Effectiveness", "Delegating: assigning responsibility to others and relying on staff.");
const training = section("toolkit.recommendations.5", "recommendation", "Establish Training Programs", "Establish training programs on implicit bias for all employees.");
const mentoringEntry = section("glossary.mentoring-program", "glossary", "Mentoring program", "A program that pairs less experienced employees with more experienced colleagues.");
const connect = section("programs.connect", "program", "ICMA Connect", "ICMA Connect is an online community where members share bias training ideas.");
// Enough other sections that rare words weigh as they do in the real corpus.
const others = Array.from({ length: 60 }, (_, i) => section(`resources.other-${i}`, "resource", `Resource ${i}`, "Local government leaders serve residents well."));
const corpus = [practice, coaching, delegating, training, mentoringEntry, connect, ...others];
const stats = new CorpusStats(corpus);

const complements = (question: string, best: Section, retrieved: Section[], lookedUp: Section[] = []) =>
  complementarySections(question, best, retrieved, lookedUp, corpus, stats).map((c) => c.section.id);

describe("complementarySections", () => {
  it("answers each thing a clause joins from the best section's family, even a sibling the search did not rank", () => {
    expect(complements("What does the staff effectiveness practice say about coaching and delegating?", coaching, [coaching, practice])).toEqual([delegating.id]);
  });

  it("answers a second asking clause from the part of the corpus it names", () => {
    const question = "How should I coach employees with feedback, and is there a toolkit recommendation on implicit bias training?";
    expect(complements(question, coaching, [coaching, connect, training])).toEqual([training.id]);
  });

  it("takes no section of another family for a clause that names no part and looks nothing up", () => {
    const question = "How should I coach employees with feedback, and is anything said on implicit bias training for everyone?";
    expect(complements(question, coaching, [coaching, connect, training])).toEqual([]);
  });

  it("answers a clause that looks a term up from that glossary entry", () => {
    const question = "What does mentoring program mean, and what does the staff practice say about coaching feedback?";
    expect(complements(question, coaching, [coaching, practice], [mentoringEntry])).toEqual([mentoringEntry.id]);
  });

  it("adds nothing to a question of one asking clause, whatever scene it sets first", () => {
    expect(complements("What does the staff practice say about coaching employees with feedback?", coaching, [coaching, delegating, training])).toEqual([]);
    expect(complements("We are a small town and our new supervisors rely on staff. What does practice 4 say about coaching feedback?", coaching, [coaching, delegating])).toEqual([]);
  });
});
