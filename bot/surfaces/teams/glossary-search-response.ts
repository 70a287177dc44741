// The search-based message extension's answer: glossary sections as a result list, each a
// thumbnail preview (what the user picks from) plus the definition card that gets inserted.
import type { MessagingExtensionQuery, MessagingExtensionResponse } from "botbuilder";
import type { Section } from "../../../corpus/section.js";
import { ADAPTIVE_CARD_CONTENT_TYPE, renderGlossaryCard, type SectionTitleOf } from "./render-glossary-card.js";
import { escapeTeamsMarkdown, truncateWithEllipsis } from "./teams-markdown.js";
import { PROJECT_WRITTEN_LABEL } from "../../core/wording.js";

export const GLOSSARY_SEARCH_LIMIT = 10;
const PREVIEW_TEXT_CHARS = 140;
const MAX_QUERY_CHARS = 100;

/** The user's search text from a composeExtension/query, or "" on the initial run. */
export function queryTextOf(query: MessagingExtensionQuery | undefined): string {
  const parameter = query?.parameters?.find((p) => p.name !== "initialRun");
  const value = typeof parameter?.value === "string" ? parameter.value : "";
  return Array.from(value.trim()).slice(0, MAX_QUERY_CHARS).join("");
}

export function glossarySearchResponse(queryText: string, sections: readonly Section[], titleOf?: SectionTitleOf): MessagingExtensionResponse {
  if (queryText === "") {
    return { composeExtension: { type: "message", text: "Type part of a glossary term, for example “bias” or “equity”." } };
  }
  if (sections.length === 0) {
    return {
      composeExtension: {
        type: "message",
        text: `No glossary term matches “${queryText}”. Try a shorter part of the term, for example “bias” or “equity”.`,
      },
    };
  }
  return {
    composeExtension: {
      type: "result",
      attachmentLayout: "list",
      attachments: sections.map((section) => ({
        contentType: ADAPTIVE_CARD_CONTENT_TYPE,
        content: renderGlossaryCard(section, titleOf),
        preview: {
          contentType: "application/vnd.microsoft.card.thumbnail",
          content: {
            title: escapeTeamsMarkdown(section.title),
            subtitle: section.writtenBy === "project" ? PROJECT_WRITTEN_LABEL : "Glossary",
            text: escapeTeamsMarkdown(truncateWithEllipsis(section.text, PREVIEW_TEXT_CHARS)),
          },
        },
      })),
    },
  };
}
