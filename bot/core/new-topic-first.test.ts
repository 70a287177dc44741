import { describe, expect, it } from "vitest";
import { CorpusStats } from "../../retrieval/text/corpus-stats.js";
import type { RetrievedSection } from "../../retrieval/retrieve-sections.js";
import type { Section } from "../../corpus/section.js";
import { newTopicFirst, newTopicTerms } from "./new-topic-first.js";

const section = (id: string, title: string, text: string): Section =>
  ({ id, kind: "dimension", title, text, parent: null, lines: [1, 1], source: null }) as Section;

const enforcement = section("resources.ethics", "Moral and ethical leadership", "The ICMA Code of Ethics is enforced by the Rules of Procedure.");
const training = section("practices.1.management.c", "Ethics training", "Fostering ethical behavior through staff training on administrative ethics.");
const program = section("programs.connect", "ICMA Connect", "ICMA Connect is an online community, free for members.");
const stats = new CorpusStats([enforcement, training, program]);
const hit = (s: Section): RetrievedSection => ({ section: s, score: 1, similarity: 0.5, bm25: 2 });
const previous = { question: "What enforces the ICMA Code of Ethics?", citedIds: new Set([enforcement.id]) };

describe("newTopicTerms", () => {
  it("keeps the follow-up's own topic words, not the previous question's or the frame's", () => {
    expect(newTopicTerms("do the practices say anything about training staff on it?", previous.question)).toEqual(["train", "staff"]);
    expect(newTopicTerms("is that online, and is it free for members?", "What is ICMA Connect?")).toEqual([]);
  });
});

describe("newTopicFirst", () => {
  it("answers a follow-up's new topic from the runner-up that holds it, not the previous answer's section", () => {
    const hits = [hit(enforcement), hit(training)];
    expect(newTopicFirst(hits, "do the practices say anything about training staff on it?", previous, stats).map((h) => h.section.id)).toEqual([training.id, enforcement.id]);
  });

  it("keeps the order when the first section was not cited before, the follow-up has no topic of its own, or the runner-up lacks it", () => {
    const hits = [hit(enforcement), hit(training)];
    const question = "do the practices say anything about training staff on it?";
    expect(newTopicFirst(hits, question, { ...previous, citedIds: new Set(["glossary.equity"]) }, stats)).toBe(hits);
    expect(newTopicFirst(hits, "why does that matter?", previous, stats)).toBe(hits);
    expect(newTopicFirst([hit(enforcement), hit(program)], question, previous, stats).map((h) => h.section.id)).toEqual([enforcement.id, program.id]);
  });

  it("looks only at the runner-up", () => {
    const hits = [hit(enforcement), hit(program), hit(training)];
    expect(newTopicFirst(hits, "do the practices say anything about training staff on it?", previous, stats)[0]!.section.id).toBe(enforcement.id);
  });
});
