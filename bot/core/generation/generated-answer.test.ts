// The reply schema is what the model is shown and what its reply is read by: the JSON
// Schema on the wire stays exactly what structured-output servers were always sent, and
// the parser keeps its tolerances.
import { describe, expect, it } from "vitest";
import { GENERATED_ANSWER_JSON_SCHEMA, generatedAnswerSchema } from "./generated-answer.js";

describe("GENERATED_ANSWER_JSON_SCHEMA", () => {
  it("is the strict schema structured-output servers are sent, text before citations", () => {
    const citation = {
      type: "object",
      properties: { n: { type: "integer" }, sectionId: { type: "string" }, quote: { type: "string" } },
      required: ["n", "sectionId", "quote"],
      additionalProperties: false,
    };
    expect(GENERATED_ANSWER_JSON_SCHEMA).toEqual({
      type: "object",
      properties: { covered: { type: "boolean" }, text: { type: "string" }, citations: { type: "array", items: citation } },
      required: ["covered", "text", "citations"],
      additionalProperties: false,
    });
    expect(Object.keys(GENERATED_ANSWER_JSON_SCHEMA.properties as object)).toEqual(["covered", "text", "citations"]);
  });
});

describe("generatedAnswerSchema", () => {
  it("reads a reply in the schema as it is, dropping keys it does not know", () => {
    const reply = { covered: true, text: "Include everyone [1].", citations: [{ n: 1, sectionId: "a", quote: "q q q", page: 3 }], note: "x" };
    expect(generatedAnswerSchema.parse(reply)).toEqual({
      covered: true,
      text: "Include everyone [1].",
      citations: [{ n: 1, sectionId: "a", quote: "q q q" }],
    });
  });

  it("coerces string booleans and numbers, accepts section_id, and skips malformed citations", () => {
    const reply = {
      covered: "true",
      text: "x [1] [2].",
      citations: [{ n: " 2 ", section_id: "b", quote: "q" }, { n: 0, sectionId: "c", quote: "q" }, { n: 1.5, sectionId: "c", quote: "q" }, { n: 3 }, "junk", null],
    };
    expect(generatedAnswerSchema.parse(reply)).toEqual({ covered: true, text: "x [1] [2].", citations: [{ n: 2, sectionId: "b", quote: "q" }] });
  });

  it("fills covered from the text and accepts a bare not-covered reply or a null citation list", () => {
    expect(generatedAnswerSchema.parse({ text: "x [1]." })).toEqual({ covered: true, text: "x [1].", citations: [] });
    expect(generatedAnswerSchema.parse({ covered: "maybe", text: "  ", citations: null })).toEqual({ covered: false, text: "  ", citations: [] });
    expect(generatedAnswerSchema.parse({ covered: false })).toEqual({ covered: false, text: "", citations: [] });
  });

  it.each([
    ["no text", { covered: true }],
    ["text that is not a string", { covered: true, text: 3 }],
    ["a citation list that is not a list", { text: "x", citations: "none" }],
    ["a list instead of an object", [1, 2]],
  ])("rejects %s", (_what, reply) => {
    expect(generatedAnswerSchema.safeParse(reply).success).toBe(false);
  });
});
