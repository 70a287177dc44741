// What goes into the index for each section:
//   chunks - the section (long ones split with langchain's text splitter) with its title,
//            aliases and search keywords: what vector and full-text search run over;
//   units  - each sentence or list line of the section text, embedded on its own so the
//            extractive composer can quote the sentences closest to a question.
// Every row keeps its section id; citations are always checked against the whole section.
import { createHash } from "node:crypto";
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import type { Section, SectionKind } from "../../corpus/section.js";
import { splitSentences } from "../text/sentences.js";

export type IndexItemRole = "chunk" | "unit";

export interface IndexItem {
  /** `<section id>#<n>` for chunks, `<section id>~<n>` for units. */
  itemId: string;
  role: IndexItemRole;
  sectionId: string;
  kind: SectionKind;
  title: string;
  text: string;
  /** What is embedded and full-text indexed. */
  searchText: string;
  /** sha256 of role and searchText: unchanged text is never re-embedded. */
  contentHash: string;
}

// Most sections are one sentence; only a few long ones (workshop descriptions, the
// cybersecurity program pages) are split.
const CHUNK_CHARS = 1000;
const splitter = new RecursiveCharacterTextSplitter({ chunkSize: CHUNK_CHARS, chunkOverlap: 150 });
/** Sections this short are quoted whole, so their sentences need no vectors of their own. */
export const QUOTE_WHOLE_SECTION_CHARS = 900;

/** Sentences (and list lines, without their bullet) of a section's text, each an exact substring of it. */
export function splitIntoUnits(text: string): string[] {
  return splitSentences(text, { withoutListBullets: true }).map((sentence) => sentence.text);
}

function item(role: IndexItemRole, section: Section, n: number, text: string, searchText: string): IndexItem {
  return {
    itemId: `${section.id}${role === "chunk" ? "#" : "~"}${n}`,
    role,
    sectionId: section.id,
    kind: section.kind,
    title: section.title,
    text,
    searchText,
    contentHash: createHash("sha256").update(`${role}\n${searchText}`).digest("hex"),
  };
}

export async function indexItemsFor(sections: readonly Section[]): Promise<IndexItem[]> {
  const items: IndexItem[] = [];
  for (const section of sections) {
    const pieces = section.text.length > CHUNK_CHARS ? await splitter.splitText(section.text) : [section.text];
    const aliases = section.aliases?.length ? `\nAlso called: ${section.aliases.join(", ")}` : "";
    const keywords = section.keywords?.length ? `\n${section.keywords.join("; ")}` : "";
    // Questions asked of the section help search find it (full text and vectors alike).
    const questions = section.searchQuestions?.length ? `\n${section.searchQuestions.join("\n")}` : "";
    pieces.forEach((text, i) => items.push(item("chunk", section, i, text, `${section.title}\n${text}${aliases}${keywords}${questions}`)));
    if (section.text.length > QUOTE_WHOLE_SECTION_CHARS)
      splitIntoUnits(section.text).forEach((unit, i) => items.push(item("unit", section, i, unit, unit)));
  }
  return items;
}
