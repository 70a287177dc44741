// The schema.org Message entity Teams reads to show in-text citations as hover cards and the
// "AI generated" label. Limits are Teams' own: name ≤ 80, abstract ≤ 160, ≤ 3 keywords of
// ≤ 28 characters, at most 20 citations per message (a message with more is rejected).
import type { Citation } from "../../core/answer-types.js";
import { truncateWithEllipsis } from "./teams-markdown.js";
import { PROJECT_WRITTEN_LABEL } from "../../core/wording.js";

export const MAX_CITATION_NAME = 80;
export const MAX_CITATION_ABSTRACT = 160;
export const MAX_CITATIONS = 20;
const MAX_KEYWORDS = 3;
const MAX_KEYWORD_LENGTH = 28;

export type ClientCitation = {
  "@type": "Claim";
  position: number;
  appearance: {
    "@type": "DigitalDocument";
    name: string;
    abstract: string;
    keywords?: string[];
  };
};

export type TeamsMessageEntity = {
  type: "https://schema.org/Message";
  "@type": "Message";
  "@context": "https://schema.org";
  "@id": "";
  additionalType?: ["AIGeneratedContent"];
  citation?: ClientCitation[];
};

const KIND_LABELS: Record<Citation["kind"], string> = {
  practice: "Leadership practice",
  dimension: "Leadership practice",
  toolkit: "Equity & Inclusion Toolkit",
  recommendation: "Toolkit recommendation",
  ideals: "Declaration of Ideals",
  glossary: "Glossary",
  workshop: "ICMA workshop",
  program: "ICMA program",
  research: "ICMA research",
  resource: "Resource",
};

/** What kind of source it is, and whether the project wrote it; never the raw section id. */
function keywordsFor(citation: Citation): string[] {
  const candidates = [KIND_LABELS[citation.kind], citation.writtenBy === "project" ? PROJECT_WRITTEN_LABEL : undefined];
  return candidates
    .filter((k): k is string => typeof k === "string" && k.length > 0 && k.length <= MAX_KEYWORD_LENGTH)
    .slice(0, MAX_KEYWORDS);
}

/** One Teams citation for one answer citation. Project-written definitions say so in the abstract. */
export function toClientCitation(citation: Citation): ClientCitation {
  const quote = citation.writtenBy === "project" ? `${PROJECT_WRITTEN_LABEL}: ${citation.quote}` : citation.quote;
  const keywords = keywordsFor(citation);
  return {
    "@type": "Claim",
    position: citation.n,
    appearance: {
      "@type": "DigitalDocument",
      name: truncateWithEllipsis(citation.title, MAX_CITATION_NAME),
      abstract: truncateWithEllipsis(quote, MAX_CITATION_ABSTRACT),
      ...(keywords.length > 0 ? { keywords } : {}),
    },
  };
}

/**
 * Citations by ascending n, one per n: the first 20 (Teams' per-message cap) as citation
 * entities, the rest to be listed in the text.
 */
export function citationsForTeams(citations: readonly Citation[]): { linked: Citation[]; listed: Citation[] } {
  const byNumber = new Map<number, Citation>();
  for (const c of citations) if (!byNumber.has(c.n)) byNumber.set(c.n, c);
  const sorted = [...byNumber.values()].sort((a, b) => a.n - b.n);
  return { linked: sorted.slice(0, MAX_CITATIONS), listed: sorted.slice(MAX_CITATIONS) };
}

export function messageEntity(citations: readonly Citation[], aiGenerated: boolean): TeamsMessageEntity {
  return {
    type: "https://schema.org/Message",
    "@type": "Message",
    "@context": "https://schema.org",
    "@id": "",
    ...(aiGenerated ? { additionalType: ["AIGeneratedContent"] as ["AIGeneratedContent"] } : {}),
    ...(citations.length > 0 ? { citation: citations.map(toClientCitation) } : {}),
  };
}
