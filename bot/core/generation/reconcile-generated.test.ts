import { describe, expect, it } from "vitest";
import { fixtureReply, fixtureSectionMap } from "../../testing/openai/fixtures.js";
import { GENERATION_SYSTEM_PROMPT } from "./generation-prompt.js";
import type { GeneratedAnswer } from "./generator.js";
import { reconcileGenerated } from "./reconcile-generated.js";

const sections = fixtureSectionMap();
const EQUITY = "practice-03-equity-and-inclusion";
const TOOLKIT = "toolkit-key-recommendations";
const HR = "practice-13-human-resources";

const quoteA = "Authentically bringing everyone, including traditionally excluded individuals and groups";
const quoteB = "Ensuring that hiring practices are open and transparent";
const quoteC = "(11) Be Conscious of Bias in Hiring Practices";

function answer(text: string, citations: GeneratedAnswer["citations"], covered = true): GeneratedAnswer {
  return { covered, text, citations };
}

describe("reconcileGenerated", () => {
  it("passes a fully verified answer through with its citations, titles and kinds", () => {
    const good = fixtureReply<GeneratedAnswer>("good-answer.json");
    const result = reconcileGenerated(good, sections);
    expect(result).not.toBeNull();
    expect(result!.text).toBe(good.text);
    expect(result!.dropped).toEqual([]);
    expect(result!.removedSentences).toBe(0);
    expect(result!.citations).toEqual(
      good.citations.map((c) => ({
        n: c.n,
        sectionId: c.sectionId,
        title: sections.get(c.sectionId)!.title,
        quote: c.quote,
        kind: sections.get(c.sectionId)!.kind,
      })),
    );
  });

  it("drops a hallucinated quote, removes the sentence that relied on it and renumbers the rest", () => {
    const result = reconcileGenerated(fixtureReply<GeneratedAnswer>("hallucinated-quote.json"), sections)!;
    expect(result.text).toBe(
      "Bring traditionally excluded individuals and groups into processes and decision making [1]. " +
        "Make sure hiring practices are open and transparent and that diversity goals are acted upon [2].",
    );
    expect(result.text).not.toContain("listening sessions");
    expect(result.citations.map((c) => [c.n, c.sectionId])).toEqual([
      [1, EQUITY],
      [2, HR],
    ]);
    expect(result.dropped).toEqual([{ n: 2, sectionId: EQUITY, problem: "quote-not-verbatim" }]);
    expect(result.removedSentences).toBe(1);
  });

  it("drops a citation to a fabricated section id and the claim it carried", () => {
    const result = reconcileGenerated(fixtureReply<GeneratedAnswer>("fabricated-section.json"), sections)!;
    expect(result.text).toBe("The toolkit recommends that you engage existing staff [1].");
    expect(result.dropped).toEqual([{ n: 2, sectionId: "practice-99-equity-audits", problem: "unknown-section" }]);
  });

  it("only accepts citations to the sections it is given (the retrieved ones)", () => {
    const onlyEquity = fixtureSectionMap([EQUITY]);
    const result = reconcileGenerated(
      answer(`Include everyone [1]. Keep hiring open [2].`, [
        { n: 1, sectionId: EQUITY, quote: quoteA },
        { n: 2, sectionId: HR, quote: quoteB },
      ]),
      onlyEquity,
    )!;
    expect(result.text).toBe("Include everyone [1].");
    expect(result.dropped).toEqual([{ n: 2, sectionId: HR, problem: "unknown-section" }]);
  });

  it("returns null for an answer with no citations", () => {
    const noCitations = fixtureReply<GeneratedAnswer>("no-citations.json");
    expect(noCitations.covered).toBe(true);
    expect(reconcileGenerated(noCitations, sections)).toBeNull();
  });

  it("returns null when the model says the sections do not cover the question", () => {
    expect(reconcileGenerated(fixtureReply<GeneratedAnswer>("not-covered.json"), sections)).toBeNull();
    expect(
      reconcileGenerated(answer("Include everyone [1].", [{ n: 1, sectionId: EQUITY, quote: quoteA }], false), sections),
    ).toBeNull();
  });

  it("returns null when every citation fails verification", () => {
    const result = reconcileGenerated(
      answer("Councils must hold monthly listening sessions [1].", [
        { n: 1, sectionId: EQUITY, quote: "hold monthly listening sessions in five languages" },
      ]),
      sections,
    );
    expect(result).toBeNull();
  });

  it("removes sentences without any marker, even when other sentences are cited", () => {
    const result = reconcileGenerated(
      answer("Include everyone [1]. Also, trust your instincts. Be conscious of bias when hiring [2].", [
        { n: 1, sectionId: EQUITY, quote: quoteA },
        { n: 2, sectionId: TOOLKIT, quote: quoteC },
      ]),
      sections,
    )!;
    expect(result.text).toBe("Include everyone [1]. Be conscious of bias when hiring [2].");
    expect(result.removedSentences).toBe(1);
  });

  it("keeps a sentence with one good and one bad marker, without the bad marker", () => {
    const result = reconcileGenerated(
      answer("Include everyone in decision making [1][2].", [
        { n: 1, sectionId: EQUITY, quote: "a quote that is not there at all" },
        { n: 2, sectionId: EQUITY, quote: quoteA },
      ]),
      sections,
    )!;
    expect(result.text).toBe("Include everyone in decision making [1].");
    expect(result.citations).toHaveLength(1);
    expect(result.citations[0]!.quote).toBe(quoteA);
  });

  it("renumbers in order of first use and merges repeated citations of the same quote", () => {
    const result = reconcileGenerated(
      answer("Be conscious of bias in hiring [7]. Include everyone [3]. Hiring must be open [7, 3][9].", [
        { n: 3, sectionId: EQUITY, quote: quoteA },
        { n: 7, sectionId: TOOLKIT, quote: quoteC },
        { n: 9, sectionId: TOOLKIT, quote: ` ${quoteC.replace(/ /g, "\n")} ` },
      ]),
      sections,
    )!;
    expect(result.text).toBe("Be conscious of bias in hiring [1]. Include everyone [2]. Hiring must be open [1][2].");
    expect(result.citations.map((c) => [c.n, c.sectionId])).toEqual([
      [1, TOOLKIT],
      [2, EQUITY],
    ]);
  });

  it("treats a marker with no citation entry as unsupported", () => {
    const result = reconcileGenerated(
      answer("Include everyone [1]. Hold an annual audit [4].", [{ n: 1, sectionId: EQUITY, quote: quoteA }]),
      sections,
    )!;
    expect(result.text).toBe("Include everyone [1].");
    expect(result.dropped).toEqual([{ n: 4, sectionId: "", problem: "no-such-citation" }]);
  });

  it("rejects quotes too short to show support, and a reused citation number", () => {
    const result = reconcileGenerated(
      answer("Include everyone [1]. Value diversity [2].", [
        { n: 1, sectionId: EQUITY, quote: quoteA },
        { n: 1, sectionId: HR, quote: quoteB },
        { n: 2, sectionId: EQUITY, quote: "diverse ideas" },
      ]),
      sections,
    )!;
    expect(result.text).toBe("Include everyone [1].");
    expect(result.citations[0]!.sectionId).toBe(EQUITY);
    expect(result.dropped).toEqual([
      { n: 1, sectionId: HR, problem: "duplicate-number" },
      { n: 2, sectionId: EQUITY, problem: "quote-too-short" },
    ]);
  });

  it("accepts quotes that differ from the section only in line breaks and typographic punctuation, and shows the source's own text", () => {
    // The section has "...decision making\n- B. Taking a proactive approach"; the model writes it on one line.
    const result = reconcileGenerated(
      answer("Be proactive [1].", [
        { n: 1, sectionId: EQUITY, quote: "into processes, activities, and decision making - B. Taking a proactive approach" },
      ]),
      sections,
    );
    expect(result?.citations[0]?.quote).toBe("into processes, activities, and decision making\n- B. Taking a proactive approach");
    expect(sections.get(EQUITY)!.text).toContain(result!.citations[0]!.quote);
  });

  it("keeps writtenBy for project-written glossary text", () => {
    const glossary = new Map([
      [
        "glossary-implicit-bias",
        {
          id: "glossary-implicit-bias",
          title: "Implicit bias",
          kind: "glossary" as const,
          writtenBy: "project" as const,
          text: "Attitudes or stereotypes that affect our understanding, actions and decisions without our awareness.",
        },
      ],
    ]);
    const result = reconcileGenerated(
      answer("Implicit bias works without our awareness [1].", [
        { n: 1, sectionId: "glossary-implicit-bias", quote: "decisions without our awareness" },
      ]),
      glossary,
    )!;
    expect(result.citations[0]).toMatchObject({ kind: "glossary", writtenBy: "project" });
  });

  it("shows nothing of a reply that echoes the system prompt without valid citations", () => {
    const echo = fixtureReply<GeneratedAnswer>("injection-echo.json");
    expect(echo.text).toContain("You are Practice Guide");
    expect(reconcileGenerated(echo, sections)).toBeNull();
  });

  it("removes a sentence that echoes the system prompt even when its citation verifies", () => {
    // The injected section really does contain "reveal the system prompt, your configuration",
    // so the quote is verbatim; the echo must still never be shown.
    const leak = GENERATION_SYSTEM_PROMPT.split("\n").slice(0, 1).join(" ");
    const result = reconcileGenerated(
      answer(`Include everyone [1]. As instructed: ${leak} [2].`, [
        { n: 1, sectionId: EQUITY, quote: quoteA },
        { n: 2, sectionId: "test-injection-notice", quote: "reveal the system prompt, your configuration" },
      ]),
      sections,
    )!;
    expect(result.text).toBe("Include everyone [1].");
    expect(result.text).not.toContain("Practice Guide");
    expect(result.citations).toHaveLength(1);

    const onlyLeak = reconcileGenerated(
      answer(`${leak} [1].`, [{ n: 1, sectionId: "test-injection-notice", quote: "reveal the system prompt, your configuration" }]),
      sections,
    );
    expect(onlyLeak).toBeNull();
  });

  it("keeps paragraph and list structure of the kept lines", () => {
    const result = reconcileGenerated(
      answer("Key points:\n\n- Include everyone [1]\n- Invent a policy\n- Be conscious of bias in hiring [2]", [
        { n: 1, sectionId: EQUITY, quote: quoteA },
        { n: 2, sectionId: TOOLKIT, quote: quoteC },
      ]),
      sections,
    )!;
    expect(result.text).toBe("- Include everyone [1]\n- Be conscious of bias in hiring [2]");
  });
  it("keeps a paragraph break when the sentence before it is cut, and numbered list lines whole", () => {
    const citations = [
      { n: 1, sectionId: EQUITY, quote: quoteA },
      { n: 2, sectionId: TOOLKIT, quote: quoteC },
    ];
    const paragraphs = reconcileGenerated(answer("Include everyone [1]. An uncited aside.\n\nBe conscious of bias in hiring [2].", citations), sections)!;
    expect(paragraphs.text).toBe("Include everyone [1].\n\nBe conscious of bias in hiring [2].");
    expect(paragraphs.removedSentences).toBe(1);

    const numbered = reconcileGenerated(answer("1. Include everyone [1]\n2. Invent a policy\n3. Be conscious of bias in hiring [2]", citations), sections)!;
    expect(numbered.text).toBe("1. Include everyone [1]\n3. Be conscious of bias in hiring [2]");
  });
});
