// The glossary definition card used by `define <term>` replies and message-extension results.
// "Used in" names the source sections by their titles: staff never see a raw section id
// (practices.4.leadership.c), and an id with no title known is left out.
import type { Attachment } from "botbuilder";
import type { Section } from "../../../corpus/section.js";
import { escapeTeamsMarkdown } from "./teams-markdown.js";
import { PROJECT_WRITTEN_LABEL } from "../../core/wording.js";

export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json";
  version: "1.5";
  body: Array<Record<string, unknown>>;
  fallbackText: string;
  speak?: string;
}

/** The title of a section by its id (PracticeGuide.getSection), for "Used in". */
export type SectionTitleOf = (sectionId: string) => string | undefined;

/** Adaptive Card 1.5 for one glossary section: term, definition, provenance, aliases and "Used in" (section titles). */
export function renderGlossaryCard(section: Section, titleOf: SectionTitleOf = () => undefined): AdaptiveCard {
  const projectWritten = section.writtenBy === "project";
  const provenance = projectWritten ? PROJECT_WRITTEN_LABEL : "Glossary definition";
  const aliases = section.aliases ?? [];
  const seeAlso = [...new Set((section.seeAlso ?? []).map((id) => titleOf(id)?.trim()).filter((t): t is string => Boolean(t)))];

  const facts: Array<{ title: string; value: string }> = [];
  if (aliases.length > 0) facts.push({ title: "Also called", value: escapeTeamsMarkdown(aliases.join(", ")) });
  // Titles contain commas ("Practice 3, Equity and Inclusion, …"), so they are kept apart by semicolons.
  if (seeAlso.length > 0) facts.push({ title: "Used in", value: escapeTeamsMarkdown(seeAlso.join("; ")) });

  const body: Array<Record<string, unknown>> = [
    { type: "TextBlock", text: escapeTeamsMarkdown(section.title), size: "large", weight: "bolder", style: "heading", wrap: true },
    { type: "TextBlock", text: provenance, isSubtle: true, size: "small", spacing: "none", wrap: true },
    { type: "TextBlock", text: escapeTeamsMarkdown(section.text), wrap: true },
  ];
  if (facts.length > 0) body.push({ type: "FactSet", facts, separator: true });

  const plain = [
    `${section.title} (${provenance.toLowerCase()}): ${section.text}`,
    aliases.length > 0 ? `Also called: ${aliases.join(", ")}.` : "",
    seeAlso.length > 0 ? `Used in: ${seeAlso.join("; ")}.` : "",
  ]
    .filter(Boolean)
    .join(" ");

  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    body,
    fallbackText: plain,
    speak: `${section.title}. ${section.text}`,
  };
}

/** The card wrapped as a message attachment. */
export function glossaryCardAttachment(section: Section, titleOf?: SectionTitleOf): Attachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: renderGlossaryCard(section, titleOf) };
}
