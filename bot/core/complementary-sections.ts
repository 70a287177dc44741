// A question that asks two things ("what is the HR practice about, and is bargaining part of
// it?", "what does pay equity mean, and is there a toolkit recommendation on it?") is not
// answered by its best section alone: the other half is in a sibling (the practice's
// definition, another dimension, the program's cost section) or in another part of the corpus
// it names. Score shares cannot find it: the section answering the second half often ranks
// below the follow-on cut, or in another family, because the first half's words dominate.
//
// Method, per ask: a question of two or more asks is answered ask by ask. An ask is a
// clause that asks ("what...", "is there...", "define...", not the scene it sets), or one of the
// things such a clause joins ("about delegating and coaching"). The section that best matches
// an ask (the IDF-weighted share of its words the section holds, and how closely its title is
// what the ask names) answers it: when that is a section already chosen, the ask is answered;
// otherwise it follows, if it holds enough of the ask's words. Candidates are the retrieved
// sections (first, so of two that match as well the one the search ranked for the whole
// question wins) and the best section's siblings, found even when the search did not rank
// them. From another family than the best section's, only a section of the part a clause
// names ("is there a toolkit recommendation on it?": a section's words include its part's name)
// or the glossary entry a clause looks up ("what does pay equity mean") may follow; a joined
// word alone never leaves the family. Other families were padding: allowed freely, single-ask
// training questions cited off-topic in 3.3% of answers instead of 0.9%.
//
// Tuned (by hand, on the session-16 training writers as and ar, whose questions ask for two or
// three things, and on single-ask training questions for padding): fact coverage on as+ar
// 0.691 -> 0.723, off-topic citations of single-ask questions unchanged.
import type { CorpusStats } from "../../retrieval/text/corpus-stats.js";
import type { Section } from "../../corpus/section.js";
import { familyOf } from "../../corpus/id-scheme.js";
import { contentTerms, stem } from "../../retrieval/text/text-terms.js";
import { PART_NAMES } from "../../corpus/part-names.js";
import { askingClauses } from "./asked-facts.js";

/** An ask is answered by a section holding at least this share of its words (IDF-weighted), or of its title's. */
const CLAUSE_COVERED_SHARE = 0.6;
/** A clause whose words weigh less than this (summed IDF) asks nothing a section could answer by itself ("what's ICMA's take?"). */
const MIN_CLAUSE_WEIGHT = 6;
/** The same for one of the things a clause joins ("delegating", "coaching"). */
const MIN_PART_WEIGHT = 3.5;
const JOINS = /\s+(?:and|or|plus|as\s+well\s+as|versus|vs\.?)\s+|,\s*/i;
/** Weight of the title's match to an ask beside the share of its words a section holds. */
const TITLE_WEIGHT = 0.5;
/** At most this many complements: a third section at most. */
const MAX_COMPLEMENTS = 2;
/** Retrieved sections looked at for a clause, beyond the best section's family. */
const RETRIEVED_CANDIDATES = 6;

export interface Complement {
  section: Section;
  /** The words of the clause it answers. */
  answers: string[];
}

/**
 * The sections answering the asking clauses the best section leaves unanswered, in clause
 * order (none for a question of one asking clause, or one its best section answers).
 */
export function complementarySections(
  question: string,
  best: Section,
  retrieved: readonly Section[],
  /** Glossary entries a clause looks up by name ("what does pay equity mean"): candidates first. */
  lookedUp: readonly Section[],
  allSections: Iterable<Section>,
  stats: CorpusStats,
): Complement[] {
  const weight = (terms: readonly string[]) => terms.reduce((sum, t) => sum + stats.idf(t), 0);
  const clauses = askingClauses(question);
  const asks = [
    // Not "what's ICMA's take?", "is it a leadership or management dimension?": they ask nothing of their own.
    ...clauses.map((c) => [...new Set(contentTerms(c))]).filter((terms) => weight(terms) >= MIN_CLAUSE_WEIGHT).map((terms) => ({ terms, part: false })),
    // "What does the staff practice say about delegating and coaching?": each thing it joins,
    // answered within the best section's family (a joined word is too little to leave it on).
    ...clauses.flatMap((c) => joinedParts(c)).filter((terms) => weight(terms) >= MIN_PART_WEIGHT).map((terms) => ({ terms, part: true })),
  ];
  const asking = [...new Map(asks.map((ask) => [ask.terms.join(" "), ask])).values()];
  if (asking.length < 2) return [];
  const family = familyOf(best.id);
  // The glossary is one family of ninety entries: only those retrieved are candidates.
  const siblings = family === "glossary" ? [] : [...allSections].filter((s) => familyOf(s.id) === family);
  const candidates = [...new Map([...lookedUp, ...retrieved.slice(0, RETRIEVED_CANDIDATES), ...siblings].map((s) => [s.id, s])).values()];
  const chosen: Section[] = [best];
  const found: Complement[] = [];
  for (const { terms, part } of asking) {
    if (found.length >= MAX_COMPLEMENTS) break;
    const match = (s: Section) => clauseMatch(terms, s, stats);
    const allowed = candidates.filter((s) => familyOf(s.id) === family || (!part && (lookedUp.includes(s) || namesPartOf(terms, s))));
    const next = [...chosen, ...allowed].reduce<Section | undefined>((top, s) => (!top || match(s) > match(top) ? s : top), undefined);
    // Named by its title is answered too: "what is the HR practice about in general?" holds "general".
    if (!next || chosen.includes(next) || Math.max(stats.coverage(terms, next.id), stats.titleCoverage(terms, next)) < CLAUSE_COVERED_SHARE) continue;
    chosen.push(next);
    found.push({ section: next, answers: terms });
  }
  return found;
}

/** Whether a clause names the part of the corpus a section is in ("is there a toolkit recommendation on it?"). */
function namesPartOf(terms: readonly string[], section: Section): boolean {
  return PART_NAMES[section.kind].some((name) => terms.includes(stem(name)));
}

/** The things one clause joins ("about delegating, coaching and reviews"), each as its words; none when it joins nothing. */
function joinedParts(clause: string): string[][] {
  const parts = clause.split(JOINS).map((part) => [...new Set(contentTerms(part))]).filter((terms) => terms.length > 0);
  return parts.length >= 2 ? parts : [];
}

/**
 * How well a section answers one clause: the share of the clause's words it holds, and how
 * closely its title is what the clause names. "What is the HR practice about?" names the
 * practice, whose title it matches, rather than a dimension whose text holds the same words;
 * "who is ICMA Connect for?" the program, not its page about the app.
 */
function clauseMatch(terms: readonly string[], section: Section, stats: CorpusStats): number {
  const title = new Set(contentTerms(section.title));
  const titlePrecision = title.size ? [...title].filter((t) => terms.includes(t)).length / title.size : 0;
  return stats.coverage(terms, section.id) + TITLE_WEIGHT * (stats.titleCoverage(terms, section) + titlePrecision);
}
