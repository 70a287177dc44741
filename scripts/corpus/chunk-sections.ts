// Long sections are split into overlapping chunks for embedding and search. Every chunk
// keeps its section id; citations are always checked against the whole section text.
import { createHash } from "node:crypto";
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import type { Section, SectionKind } from "./section.js";

export interface Chunk {
  chunkId: string;
  sectionId: string;
  kind: SectionKind;
  title: string;
  text: string;
  /** What is embedded and full-text indexed: the title gives short chunks their context. */
  searchText: string;
  /** sha256 of searchText: unchanged text is never re-embedded. */
  contentHash: string;
}

// Most sections are one sentence; only a few long ones (workshop descriptions, the
// cybersecurity program pages) are split.
const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 1000, chunkOverlap: 150 });

export async function chunkSections(sections: readonly Section[]): Promise<Chunk[]> {
  const chunks: Chunk[] = [];
  for (const section of sections) {
    const pieces = section.text.length > 1000 ? await splitter.splitText(section.text) : [section.text];
    pieces.forEach((text, i) => {
      const aliases = section.aliases?.length ? `\nAlso called: ${section.aliases.join(", ")}` : "";
      const keywords = section.keywords?.length ? `\n${section.keywords.join("; ")}` : "";
      const searchText = `${section.title}\n${text}${aliases}${keywords}`;
      chunks.push({
        chunkId: `${section.id}#${i}`,
        sectionId: section.id,
        kind: section.kind,
        title: section.title,
        text,
        searchText,
        contentHash: createHash("sha256").update(searchText).digest("hex"),
      });
    });
  }
  return chunks;
}
