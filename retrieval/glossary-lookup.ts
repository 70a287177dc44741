// Glossary questions ("define X", "what does X mean", "glossary: X", a bare term) go
// straight to the entry for the term or one of its aliases, forgiving small typos.
import { distance } from "fastest-levenshtein";
import type { Section } from "../corpus/section.js";

const LOOKUP_PATTERNS: RegExp[] = [
  // "a working definition of bias for a handout", "what's diversity mean in DEI, exactly?"
  /(?<!\bicma['’]s\s)\bdefinition\s+(?:of|for)\s+(?:the\s+(?:term|word)\s+)?["“'‘]?([^"”'’?,.]+?)["”'’]?(?:\s+(?:for|in|to|that)\b.*)?[?.!]*$/i,
  /^what(?:'s|\u2019s|s|\s+does|\s+do)\s+(.+?)\s+(?:mean|stand\s+for)\b(?:\s+(?:in|for|here|exactly|to)\b.*)?[?.!]*$/i,
  /^(?:please\s+)?(?:define|definition(?:\s+of)?|meaning\s+of|explain\s+the\s+term)\s*:?\s+(.+)$/i,
  /^glossary\s*:\s*(.+)$/i,
  /^what(?:'s|\u2019s|s|\s+is|\s+are)\s+(?:meant\s+by|the\s+(?:meaning|definition)\s+of)\s+(.+)$/i,
  /^what\s+(?:does|do)\s+(.+?)\s+(?:mean|stand\s+for)$/i,
  /^how\s+(?:is|are|do\s+you|does\s+\w+)\s+(.+?)\s+defined$/i,
  // "so how does it define equity then?", "how does the glossary define pay equity?"
  /^how\s+(?:does|do)\s+(?:it|that|this|they|you|icma|the\s+(?:glossary|toolkit|guide))\s+define\s+(.+)$/i,
  /^(.+?)\s*(?:[-:]\s*)?(?:definition|meaning|defined)$/i,
  /^what(?:'s|\u2019s|s|\s+is|\s+are)\s+(?:an?\s+)?(.+)$/i,
];
const COMPARISON_PATTERNS: RegExp[] = [
  /^(?:what(?:'s|\u2019s|s|\s+is)\s+)?the\s+difference\s+between\s+(.+?)\s+and\s+(.+)$/i,
  /^(.+?)\s+(?:vs\.?|versus)\s+(.+)$/i,
];

const MAX_BARE_TERM_WORDS = 5;

/** The words that frame a lookup, as typed with a typo or two ("definiton", "meanig", "defien"). */
const FRAMING_WORDS = ["definition", "meaning", "define", "defined"];
/** A closing request for plain words, the glossary's or local government's: "..., in plain english", "in simple terms pls", "diversity definition glossary", "equity definition local government". */
const PLAIN_WORDS_TAIL = /[,;]?\s*(?:in\s+(?:plain|simple|everyday)\s+(?:english|words|terms|language)|for\s+a\s+(?:handout|memo|newsletter)|(?:in|from|per|according\s+to)\s+(?:the\s+|your\s+)?(?:toolkit['’]?s?\s+)?glossary|glossary|(?:in|for|within)?\s*(?:a\s+|the\s+)?local\s+government)?\s*(?:,?\s*(?:please|pls|plz))?\s*[?.!]*\s*$/i;

/**
 * A question with its framing words spelled right and its closing pleasantries cut, so that
 * "lgbtqia+ definiton" and "what's a disparity, in plain english?" read as lookups.
 */
function framingOf(question: string): string {
  // "so what's equity then?", "ok, and what's equality?": conversational openers and closers.
  const spoken = question.trim().replace(/^(?:(?:so|ok|okay|well|alright|and|then)\s*,?\s+)+/i, "").replace(/,?\s+then\s*([?.!]*)\s*$/i, "$1");
  const words = spoken.replace(PLAIN_WORDS_TAIL, "").trim().split(/\s+/);
  return words
    .map((word) => {
      const lower = word.toLowerCase();
      if (lower.length < 6 || FRAMING_WORDS.includes(lower)) return word;
      const near = FRAMING_WORDS.find((f) => Math.abs(f.length - lower.length) <= 2 && distance(f, lower) <= 2);
      return near ?? word;
    })
    .join(" ");
}

/** Edit distance counting two swapped neighbouring letters as one edit (optimal string alignment). */
function typoDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++)
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

function normaliseTerm(term: string): string {
  return term
    .toLowerCase()
    .replace(/[\u2018\u2019"'`]/g, "")
    .replace(/\(.*?\)/g, " ")
    .replace(/[^a-z0-9+&]+/g, " ")
    .replace(/^(?:the|a|an)\s+/, "")
    .trim();
}

export interface GlossaryMatch {
  section: Section;
  /** The name (title or alias) that matched. */
  matchedName: string;
  exact: boolean;
}

export class GlossaryIndex {
  private readonly names: Array<{ name: string; section: Section }> = [];

  constructor(sections: Iterable<Section>) {
    for (const section of sections) {
      if (section.kind !== "glossary") continue;
      const names = new Set([section.title, section.id.slice("glossary.".length).replace(/-/g, " "), ...(section.aliases ?? [])]);
      for (const name of names) this.names.push({ name: normaliseTerm(name), section });
    }
  }

  /**
   * The entry a term of two or more words names by its first words ("historically
   * marginalized" for Historically marginalized populations), when it begins only one entry's
   * name; for a term asked in an explicit form ("what does X mean?"), where a short name is
   * what people type. Undefined otherwise.
   */
  resolveNameStart(rawTerm: string): GlossaryMatch | undefined {
    const term = normaliseTerm(rawTerm);
    if (term.split(" ").length < 2) return undefined;
    const sections = new Map(this.names.filter((n) => n.name.startsWith(`${term} `)).map((n) => [n.section.id, n]));
    const [only] = sections.values();
    return sections.size === 1 && only ? { section: only.section, matchedName: only.name, exact: false } : undefined;
  }

  /** The entry a term names exactly, by a plural or by a small typo; undefined when none is close. */
  resolveTerm(rawTerm: string): GlossaryMatch | undefined {
    const term = normaliseTerm(rawTerm);
    if (!term) return undefined;
    const variants = new Set([term, term.replace(/ies\b/g, "y"), term.replace(/es\b/g, ""), term.replace(/s\b/g, "")]);
    for (const variant of variants) {
      const hit = this.names.find((n) => n.name === variant);
      if (hit) return { section: hit.section, matchedName: hit.name, exact: variant === term };
    }
    // Allow about one typo per six letters, never on very short terms; two swapped letters
    // ("poeple", "lgbtqai+") are one typo, and so is a British spelling ("colour").
    const budget = term.length < 5 ? 0 : Math.max(1, Math.floor(term.length / 6));
    const typed = term.replace(/our\b/g, "or");
    let best: { name: string; section: Section; d: number } | undefined;
    for (const n of this.names) {
      if (Math.abs(n.name.length - typed.length) > budget) continue;
      const d = Math.min(distance(n.name, term), typoDistance(n.name, typed));
      if (d <= budget && (!best || d < best.d)) best = { ...n, d };
    }
    return best ? { section: best.section, matchedName: best.name, exact: false } : undefined;
  }

  /**
   * The glossary entry a question asks for, if it is a lookup: an explicit form such as
   * "define X", or a bare term of a few words that names an entry.
   */
  lookupQuestion(question: string): GlossaryMatch[] {
    const q = framingOf(question);
    for (const pattern of COMPARISON_PATTERNS) {
      const m = pattern.exec(q);
      if (!m?.[1] || !m[2]) continue;
      const second = this.resolveTerm(m[2]);
      // "implicit vs explicit bias": the first term borrows the second's last word.
      const first = this.resolveTerm(m[1]) ?? this.resolveTerm(`${m[1]} ${m[2].trim().split(/\s+/).pop()}`);
      if (first && second && first.section.id !== second.section.id) return [first, second];
    }
    const single = this.lookupSingle(q) ?? this.lookupAfterLead(q);
    return single ? [single] : [];
  }

  /**
   * A lookup after a short lead-in clause: "the first one, what does 'historically
   * marginalized' mean?" (the lookup is the last clause, in one of the explicit forms), or
   * "you mentioned implicit bias - what's that?" (the term, then a question pointing at it).
   */
  private lookupAfterLead(q: string): GlossaryMatch | undefined {
    const clauses = q.split(/\s*(?:[,;:]|\s[-–—]\s|—)\s*/).filter(Boolean);
    if (clauses.length < 2) return undefined;
    const last = clauses.at(-1)!;
    if (/^what(?:'s|\u2019s|s|\s+is|\s+does)\s+(?:that|it|this)(?:\s+mean)?\s*[?.!]*$/i.test(last)) {
      const term = clauses.at(-2)!.replace(/^(?:(?:and|so|ok|okay)\s+)?(?:you\s+(?:mentioned|said|used|listed)|it\s+(?:mentioned|said|says)|the\s+(?:term|word|phrase))\s+/i, "");
      return term.split(/\s+/).length <= MAX_BARE_TERM_WORDS ? this.resolveTerm(term) : undefined;
    }
    for (const pattern of LOOKUP_PATTERNS.slice(0, -1)) {
      const m = pattern.exec(last);
      const match = m?.[1] ? (this.resolveTerm(m[1]) ?? this.resolveNameStart(m[1])) : undefined;
      if (match) return match;
    }
    return undefined;
  }

  private lookupSingle(q: string): GlossaryMatch | undefined {
    for (const [i, pattern] of LOOKUP_PATTERNS.entries()) {
      const m = pattern.exec(q);
      if (m?.[1]) {
        const match = this.resolveTerm(m[1]) ?? (i < LOOKUP_PATTERNS.length - 1 ? this.resolveNameStart(m[1]) : undefined);
        if (match) return match;
      }
    }
    if (q.split(/\s+/).length <= MAX_BARE_TERM_WORDS) return this.resolveTerm(q);
    return undefined;
  }

  /** Entries whose names start with, contain, or nearly match `query`, best first (for type-ahead search). */
  search(query: string, limit = 10): Section[] {
    const q = normaliseTerm(query);
    if (!q) return [];
    const scored = new Map<string, { section: Section; score: number }>();
    for (const n of this.names) {
      let score = 0;
      if (n.name === q) score = 4;
      else if (n.name.startsWith(q)) score = 3;
      else if (n.name.split(" ").some((w) => w.startsWith(q))) score = 2.5;
      else if (n.name.includes(q)) score = 2;
      else if (q.length >= 4 && distance(n.name.slice(0, q.length), q) <= 1) score = 1;
      const prior = scored.get(n.section.id);
      if (score > 0 && (!prior || prior.score < score)) scored.set(n.section.id, { section: n.section, score });
    }
    return [...scored.values()]
      .sort((a, b) => b.score - a.score || a.section.title.localeCompare(b.section.title))
      .slice(0, limit)
      .map((s) => s.section);
  }
}
