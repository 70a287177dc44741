// The Generator for any OpenAI-compatible chat.completions endpoint (OpenAI, Azure OpenAI,
// vLLM, Ollama, ...). It only produces candidate answers: the core verifies every citation
// (reconcile-generated.ts) before anything is shown. It is handed a ready client (built by
// the app from its config), so the core never reads configuration itself.
import type OpenAI from "openai";
import { APIError } from "openai";
import { GENERATED_ANSWER_JSON_SCHEMA, generatedAnswerSchema, type GeneratedAnswer } from "./generated-answer.js";
import type { GenerateOptions, Generator, GeneratorInput } from "./generator.js";
import { buildGenerationMessages, buildStandaloneRewriteMessages, type ChatMessage } from "./generation-prompt.js";
import { GeneratorError, malformedReply, toGeneratorError } from "./generator-errors.js";

/** What the generator itself needs; keys, base URL and retries belong to the client it is handed. */
export interface OpenAIGeneratorOptions {
  /** The model to ask, e.g. "gpt-4o-mini"; also names the generator in logs. */
  model: string;
  temperature: number;
  /** Bounds each whole call (the client's retries and a stalled stream included). */
  timeoutMs: number;
}

type ResponseFormatKind = "json_schema" | "json_object";

const MAX_REWRITE_CHARS = 1_000;

export class OpenAIGenerator implements Generator {
  readonly name: string;
  readonly #client: OpenAI;
  readonly #model: string;
  readonly #temperature: number;
  readonly #timeoutMs: number;
  /** Downgraded once, for the life of this generator, when the server rejects json_schema. */
  #responseFormat: ResponseFormatKind = "json_schema";

  constructor(client: OpenAI, options: OpenAIGeneratorOptions) {
    this.name = `openai:${options.model}`;
    this.#model = options.model;
    this.#temperature = options.temperature;
    this.#timeoutMs = options.timeoutMs;
    this.#client = client;
  }

  async generate(input: GeneratorInput, options: GenerateOptions = {}): Promise<GeneratedAnswer> {
    const messages = buildGenerationMessages(input);
    return this.#withinDeadline(options.signal, async (signal) => {
      const content = await this.#completeStructured(messages, signal, options.onText);
      return parseGeneratedAnswer(content);
    });
  }

  async rewriteStandalone(
    question: string,
    history: Array<{ question: string; answerText?: string }>,
  ): Promise<string> {
    const messages = buildStandaloneRewriteMessages(question, history);
    return this.#withinDeadline(undefined, async (signal) => {
      const completion = await this.#client.chat.completions.create(
        { model: this.#model, messages, temperature: 0, stream: false },
        { signal, timeout: this.#timeoutMs },
      );
      const choice = completion.choices[0];
      if (!choice) throw malformedReply("no choices");
      if (choice.message.refusal) throw new GeneratorError("refused-by-server", "model refused the rewrite");
      const rewritten = cleanRewrite(choice.message.content ?? "");
      if (!rewritten) throw malformedReply("empty rewrite");
      // A "rewrite" this long is the model answering instead of rewriting.
      if (rewritten.length > MAX_REWRITE_CHARS) throw malformedReply("rewrite is not a question");
      return rewritten;
    });
  }

  async #completeStructured(
    messages: ChatMessage[],
    signal: AbortSignal,
    onText: ((delta: string) => void) | undefined,
  ): Promise<string> {
    try {
      return await this.#complete(messages, this.#responseFormat, signal, onText);
    } catch (error) {
      if (this.#responseFormat !== "json_schema" || !rejectsJsonSchema(error)) throw error;
      // Many OpenAI-compatible servers know JSON mode but not structured outputs.
      this.#responseFormat = "json_object";
      return await this.#complete(messages, "json_object", signal, onText);
    }
  }

  async #complete(
    messages: ChatMessage[],
    format: ResponseFormatKind,
    signal: AbortSignal,
    onText: ((delta: string) => void) | undefined,
  ): Promise<string> {
    const body = {
      model: this.#model,
      messages,
      temperature: this.#temperature,
      response_format:
        format === "json_schema"
          ? {
              type: "json_schema" as const,
              json_schema: { name: "practice_guide_answer", strict: true, schema: GENERATED_ANSWER_JSON_SCHEMA },
            }
          : { type: "json_object" as const },
    };
    const requestOptions = { signal, timeout: this.#timeoutMs };

    if (!onText) {
      const completion = await this.#client.chat.completions.create({ ...body, stream: false }, requestOptions);
      const choice = completion.choices[0];
      if (!choice) throw malformedReply("no choices");
      checkFinish(choice.finish_reason, choice.message.refusal);
      return choice.message.content ?? "";
    }

    const stream = await this.#client.chat.completions.create({ ...body, stream: true }, requestOptions);
    const textField = new JsonStringFieldStream("text");
    let content = "";
    let refusal = "";
    let finishReason: string | null = null;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (!choice) continue;
      const delta = choice.delta?.content ?? "";
      if (delta) {
        content += delta;
        const text = textField.push(delta);
        if (text) onText(text);
      }
      if (choice.delta?.refusal) refusal += choice.delta.refusal;
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
    checkFinish(finishReason, refusal || null);
    return content;
  }

  /**
   * Bounds the whole call, SDK retries and a stalled stream included, by the configured
   * timeout, and honours the caller's signal. Every failure leaves as a GeneratorError.
   */
  async #withinDeadline<T>(callerSignal: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (callerSignal?.aborted) throw callerAborted();
    const deadline = AbortSignal.timeout(this.#timeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, deadline]) : deadline;
    const failure = () =>
      deadline.aborted ? new GeneratorError("timeout", `no complete reply within ${this.#timeoutMs} ms`) : callerAborted();
    // The SDK sleeps between retries without watching the signal, so the call also ends the
    // moment the signal fires rather than when the SDK next looks at it.
    let onAbort: (() => void) | undefined;
    const stopped = new Promise<never>((_, reject) => {
      onAbort = () => reject(failure());
      signal.addEventListener("abort", onAbort, { once: true });
    });
    try {
      return await Promise.race([run(signal), stopped]);
    } catch (error) {
      throw signal.aborted ? failure() : toGeneratorError(error);
    } finally {
      signal.removeEventListener("abort", onAbort!);
    }
  }
}

function callerAborted(): GeneratorError {
  return new GeneratorError("aborted", "request was aborted by the caller");
}

function rejectsJsonSchema(error: unknown): boolean {
  return (
    error instanceof APIError &&
    (error.status === 400 || error.status === 422) &&
    /response_format|json_schema|structured output/i.test(error.message)
  );
}

function checkFinish(finishReason: string | null, refusal: string | null | undefined): void {
  if (refusal) throw new GeneratorError("refused-by-server", "model refused to answer");
  if (finishReason === "content_filter") throw new GeneratorError("refused-by-server", "reply was blocked by a content filter");
  // A reply cut off by the token limit is unfinished JSON.
  if (finishReason === "length") throw malformedReply("cut off by the token limit");
}

/** Reasoning models served through Ollama or vLLM may prefix their reply with their thoughts. */
function stripThinking(content: string): string {
  return content.replace(/<think>[\s\S]*?<\/think>/gi, "");
}

/** The outermost {...} of a reply, ignoring ```json fences and any prose around it. */
export function outermostJsonObject(content: string): string | null {
  const unfenced = stripThinking(content).replace(/```(?:json)?/gi, "");
  const start = unfenced.indexOf("{");
  const end = unfenced.lastIndexOf("}");
  return start >= 0 && end > start ? unfenced.slice(start, end + 1) : null;
}

/**
 * Reads the model's reply: fences and prose around the object are ignored, and the object
 * is read by the reply schema (generated-answer.ts), which says what it tolerates.
 */
export function parseGeneratedAnswer(content: string): GeneratedAnswer {
  const json = outermostJsonObject(content);
  if (json === null) throw malformedReply("no JSON object");
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw malformedReply("not valid JSON");
  }
  const parsed = generatedAnswerSchema.safeParse(value);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw malformedReply(issue ? `${issue.path.join(".") || "reply"}: ${issue.message}` : "not the reply schema");
  }
  return parsed.data;
}

function cleanRewrite(content: string): string {
  const line = stripThinking(content)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== "" && !/^<<<.*>>>$/.test(l));
  return (line ?? "")
    .replace(/^(standalone question|question)\s*:\s*/i, "")
    .replace(/^["'\u201C\u2018]+|["'\u201D\u2019]+$/g, "")
    .trim();
}

/**
 * Decodes the value of one top-level string field of a JSON object while the object is
 * still arriving, so generated text can be shown as it streams. It only looks for the
 * first `"field": "` in the stream, which is enough for the schema we ask for.
 */
export class JsonStringFieldStream {
  readonly #opening: RegExp;
  #buffer = "";
  /** Index in #buffer of the next undecoded character of the value, once found. */
  #cursor = -1;
  #done = false;
  #pendingHighSurrogate = "";

  constructor(field: string) {
    this.#opening = new RegExp(`"${field}"\\s*:\\s*"`);
  }

  /** Adds a chunk of the raw reply and returns the newly decoded text of the field ("" if none). */
  push(chunk: string): string {
    if (this.#done) return "";
    this.#buffer += chunk;
    if (this.#cursor < 0) {
      const match = this.#opening.exec(this.#buffer);
      if (!match) return "";
      this.#cursor = match.index + match[0].length;
    }
    let out = this.#pendingHighSurrogate;
    this.#pendingHighSurrogate = "";
    while (this.#cursor < this.#buffer.length) {
      const ch = this.#buffer[this.#cursor]!;
      if (ch === '"') {
        this.#done = true;
        break;
      }
      if (ch !== "\\") {
        out += ch;
        this.#cursor += 1;
        continue;
      }
      const escape = this.#buffer[this.#cursor + 1];
      if (escape === undefined) break; // wait for the rest of the escape
      if (escape === "u") {
        const hex = this.#buffer.slice(this.#cursor + 2, this.#cursor + 6);
        if (hex.length < 4) break;
        out += /^[0-9a-fA-F]{4}$/.test(hex) ? String.fromCharCode(parseInt(hex, 16)) : "";
        this.#cursor += 6;
        continue;
      }
      out += SIMPLE_ESCAPES[escape] ?? escape;
      this.#cursor += 2;
    }
    // Half a surrogate pair would print as garbage; hold it until its partner arrives.
    const last = out.charCodeAt(out.length - 1);
    if (!this.#done && last >= 0xd800 && last <= 0xdbff) {
      this.#pendingHighSurrogate = out.slice(-1);
      out = out.slice(0, -1);
    }
    return out;
  }
}

const SIMPLE_ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", '"': '"', "\\": "\\", "/": "/" };
