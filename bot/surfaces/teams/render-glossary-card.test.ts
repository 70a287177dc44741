import { describe, expect, it } from "vitest";
import type { Section } from "../../../corpus/section.js";
import { adaptiveCardErrors } from "../../testing/adaptive-card-schema.js";
import { fakePracticeGuide, IMPLICIT_BIAS, INCLUSION, PRACTICE_3_MANAGEMENT_C } from "../../testing/fake-practice-guide.js";
import { glossarySearchResponse, queryTextOf } from "./glossary-search-response.js";
import { renderGlossaryCard } from "./render-glossary-card.js";

const guide = fakePracticeGuide();
const titleOf = (id: string) => guide.getSection(id)?.title;

function texts(card: ReturnType<typeof renderGlossaryCard>): string[] {
  return card.body.flatMap((element) =>
    element.type === "TextBlock"
      ? [element.text as string]
      : ((element.facts as Array<{ title: string; value: string }>) ?? []).map((f) => `${f.title}: ${f.value}`),
  );
}

describe("renderGlossaryCard", () => {
  it("is a valid Adaptive Card 1.5 with term, label, definition, aliases and the sections that use the term", () => {
    const card = renderGlossaryCard(IMPLICIT_BIAS, titleOf);
    expect(adaptiveCardErrors(card)).toEqual([]);
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5", $schema: "http://adaptivecards.io/schemas/adaptive-card.json" });
    expect(texts(card)).toEqual([
      "Implicit bias",
      "Project-written definition",
      IMPLICIT_BIAS.text,
      "Also called: implicit biases, unconscious bias, unconscious biases, hidden bias",
      "Used in: Equity and Inclusion — management C",
    ]);
    expect(card.fallbackText).toContain("Implicit bias");
    expect(card.fallbackText).toContain("Used in: Equity and Inclusion — management C.");
  });

  it("never shows a raw section id in \"Used in\": titles, kept apart by semicolons; ids with no title are left out", () => {
    const section: Section = { ...IMPLICIT_BIAS, seeAlso: ["practices.4.leadership.c", "practices.3.management.c", "practices.99.gone", "practices.3.management.c"] };
    const titles: Record<string, string> = {
      "practices.4.leadership.c": "Practice 4, Strategic Leadership, leadership dimension C",
      "practices.3.management.c": PRACTICE_3_MANAGEMENT_C.title,
    };
    const card = renderGlossaryCard(section, (id) => titles[id]);
    expect(texts(card).at(-1)).toBe(`Used in: Practice 4, Strategic Leadership, leadership dimension C; ${PRACTICE_3_MANAGEMENT_C.title}`);
    const json = JSON.stringify(card);
    for (const id of section.seeAlso!) expect(json).not.toContain(id);
    // Without titles to show, there is no "Used in" at all.
    const bare = renderGlossaryCard(section);
    expect(bare.body.some((e) => e.type === "FactSet" && JSON.stringify(e).includes("Used in"))).toBe(false);
    for (const id of section.seeAlso!) expect(JSON.stringify(bare)).not.toContain(id);
  });

  it("omits the facts it has no data for and does not claim project authorship for source text", () => {
    const sourced: Section = { ...IMPLICIT_BIAS, writtenBy: undefined, aliases: [], seeAlso: undefined };
    const card = renderGlossaryCard(sourced);
    expect(adaptiveCardErrors(card)).toEqual([]);
    expect(card.body.some((e) => e.type === "FactSet")).toBe(false);
    expect(JSON.stringify(card)).not.toContain("Project-written");
  });

  it("escapes hostile markdown in the term and definition and stays valid", () => {
    const hostile: Section = {
      ...IMPLICIT_BIAS,
      title: "**Bias** <at>team</at>",
      text: "[click](http://evil.example) _now_ `rm -rf` # heading",
      aliases: ["a|b", "c*d"],
    };
    const card = renderGlossaryCard(hostile);
    expect(adaptiveCardErrors(card)).toEqual([]);
    const [title, , definition, aliases] = texts(card);
    expect(title).toBe("\\*\\*Bias\\*\\* &lt;at&gt;team&lt;/at&gt;");
    expect(definition).toBe("\\[click\\](http://evil.example) \\_now\\_ \\`rm -rf\\` \\# heading");
    expect(aliases).toBe("Also called: a\\|b, c\\*d");
  });
});

describe("glossarySearchResponse", () => {
  it("lists each matching term as a thumbnail preview plus its definition card", () => {
    const response = glossarySearchResponse("bias", [IMPLICIT_BIAS, INCLUSION]);
    const result = response.composeExtension!;
    expect(result.type).toBe("result");
    expect(result.attachmentLayout).toBe("list");
    expect(result.attachments).toHaveLength(2);
    const first = result.attachments![0]!;
    expect(first.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(adaptiveCardErrors(first.content)).toEqual([]);
    expect(first.preview).toMatchObject({
      contentType: "application/vnd.microsoft.card.thumbnail",
      content: { title: "Implicit bias", subtitle: "Project-written definition" },
    });
    expect((first.preview!.content as { text: string }).text.length).toBeLessThanOrEqual(140);
  });

  it("answers an unknown term with no results and a friendly message", () => {
    const result = glossarySearchResponse("zzzz", []).composeExtension!;
    expect(result.attachments ?? []).toEqual([]);
    expect(result.type).toBe("message");
    expect(result.text).toMatch(/No glossary term matches “zzzz”/);
  });

  it("reads the search text from the query parameters, ignoring initialRun", () => {
    expect(queryTextOf({ parameters: [{ name: "initialRun", value: "true" }] })).toBe("");
    expect(queryTextOf({ commandId: "searchGlossary", parameters: [{ name: "term", value: "  impl " }] })).toBe("impl");
    expect(queryTextOf({ parameters: [{ name: "term", value: "x".repeat(500) }] })).toHaveLength(100);
  });
});
