// The model's reply, described once. The zod schema below is the JSON Schema sent with the
// request (structured outputs), the parser of what comes back and, through z.infer, the
// GeneratedAnswer type the core works with, so the three cannot drift apart.
//
// Replies are read tolerantly, as models and JSON-mode servers write them: "true"/"false"
// for covered, a numeric string for n, section_id for sectionId, a missing or null citation
// list, a bare {"covered": false}. A malformed citation entry is skipped rather than failing
// the reply: its markers then cite nothing, so reconciliation removes those sentences.
import { z } from "zod";

export const generatedCitationSchema = z.preprocess(
  normaliseCitation,
  z.object({
    /** The number of the [n] markers in the text that this citation backs. */
    n: z.int().min(1),
    sectionId: z.string(),
    /** Words copied from the section, which reconciliation checks are really there. */
    quote: z.string(),
  }),
);

/** Keys are in the order the model should write them: "text" before "citations", so streamed text arrives first. */
export const generatedAnswerSchema = z.preprocess(
  withDefaults,
  z.object({
    /** False when the model says the sections do not answer the question. */
    covered: z.boolean(),
    /** Answer text with [n] markers. */
    text: z.string(),
    citations: z.preprocess(withoutMalformedEntries, z.array(generatedCitationSchema)),
  }),
);

export type GeneratedCitation = z.infer<typeof generatedCitationSchema>;
export type GeneratedAnswer = z.infer<typeof generatedAnswerSchema>;

/**
 * The JSON Schema of the reply, for servers that support structured outputs. Numeric bounds
 * are left out (strict mode on several OpenAI-compatible servers rejects minimum/maximum);
 * the parser still enforces them. Zod's $schema line is left out too, as no server needs it.
 */
export const GENERATED_ANSWER_JSON_SCHEMA: Record<string, unknown> = (() => {
  const { $schema: _draft, ...schema } = z.toJSONSchema(generatedAnswerSchema, {
    override: ({ jsonSchema }) => {
      delete jsonSchema.minimum;
      delete jsonSchema.maximum;
    },
  });
  return schema;
})();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function looseBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

/** covered, when missing or unreadable, follows from whether there is any text; a not-covered reply may omit text. */
function withDefaults(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const covered = looseBoolean(value.covered);
  const text = value.text ?? (covered === false ? "" : undefined);
  return {
    ...value,
    covered: covered ?? (typeof text === "string" && text.trim() !== ""),
    text,
    citations: value.citations ?? [],
  };
}

function normaliseCitation(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const n = typeof value.n === "string" && /^\d+$/.test(value.n.trim()) ? Number(value.n) : value.n;
  return { ...value, n, sectionId: value.sectionId ?? value.section_id };
}

function withoutMalformedEntries(value: unknown): unknown {
  return Array.isArray(value) ? value.filter((entry) => generatedCitationSchema.safeParse(entry).success) : value;
}
