// answer() in generated mode over the real corpus (full-text index, so no model load), with
// an OpenAI-compatible endpoint replayed by nock: verified answers pass, everything else
// falls back to the extractive answer with one log line.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { PracticeGuide } from "../core/answer-types.js";
import { loadConfig } from "../platform/config.js";
import { createLogger } from "../platform/logger.js";
import { startHangingServer } from "../testing/hanging-server.js";
import { OpenAIGenerator } from "../core/generation/openai-generator.js";
import { createOpenAIClient } from "../platform/openai-client.js";
import { openPracticeGuide } from "./open-practice-guide.js";
import { verifyCitations } from "../core/verify-citations.js";

const ORIGIN = "https://llm.test";
const PATH = "/v1/chat/completions";
const API_KEY = "sk-test-never-in-logs-7c1d";
const QUESTION = "How do leaders bring traditionally excluded groups into decision making?";

const logLines: Array<Record<string, unknown>> = [];
const logStream = new Writable({
  write(chunk, _enc, done) {
    for (const line of String(chunk).split("\n").filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});

let guide: PracticeGuide;
let extractiveGuide: PracticeGuide;

const lancedbUri = path.join(mkdtempSync(path.join(tmpdir(), "gen-")), "lancedb");

beforeAll(async () => {
  const config = loadConfig({
    LANCEDB_URI: lancedbUri,
    OPENAI_API_KEY: API_KEY,
    OPENAI_BASE_URL: `${ORIGIN}/v1`,
    OPENAI_MAX_RETRIES: "0",
    OPENAI_TIMEOUT_MS: "300",
  });
  const logger = createLogger("info", logStream);
  guide = await openPracticeGuide(config, logger, { embedder: null, generator: new OpenAIGenerator(createOpenAIClient(config.llm!), config.llm!) });
  extractiveGuide = await openPracticeGuide(config, createLogger("silent"), { embedder: null, generator: null });
}, 120_000);

afterAll(async () => {
  await guide?.close();
  await extractiveGuide?.close();
});

afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
  logLines.length = 0;
});

function completion(answer: object): object {
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: 1750000000,
    model: "gpt-4o-mini",
    choices: [{ index: 0, message: { role: "assistant", content: JSON.stringify(answer), refusal: null }, finish_reason: "stop" }],
  };
}

/** The endpoint answers the next chat completion with this candidate answer. */
function modelReplies(candidate: object): void {
  nock(ORIGIN).post(PATH).reply(200, completion(candidate));
}

function fallbackLog() {
  return logLines.filter((l) => l.msg === "generation fell back to extractive");
}

describe("generated answers", () => {
  it("shows a good generated answer with its verified citations", async () => {
    modelReplies({
      covered: true,
      text: "Leaders are asked to bring everyone into the process, including people usually left out [1].",
      citations: [{ n: 1, sectionId: "practices.3.leadership.a", quote: "including traditionally excluded individuals and groups" }],
    });
    const answer = await guide.answer(QUESTION);
    expect(answer.mode).toBe("generated");
    expect(answer.status).toBe("answered");
    expect(answer.citations).toEqual([
      expect.objectContaining({ n: 1, sectionId: "practices.3.leadership.a", quote: "including traditionally excluded individuals and groups" }),
    ]);
    expect(verifyCitations(answer, [guide.getSection("practices.3.leadership.a")!]).ok).toBe(true);
    expect(answer.timingsMs.generate).toBeGreaterThanOrEqual(0);
    expect(fallbackLog()).toEqual([]);
  });

  it("replaces an answer whose only quote is invented with the extractive answer, and logs it", async () => {
    modelReplies({
      covered: true,
      text: "ICMA requires a quota of 50 percent [1].",
      citations: [{ n: 1, sectionId: "practices.3.leadership.a", quote: "a quota of fifty percent for every board" }],
    });
    const answer = await guide.answer(QUESTION);
    expect(answer).toMatchObject({ mode: "extractive", status: "answered" });
    expect(answer.text).not.toContain("quota");
    // The extractive answer, saying why it fell back.
    expect(answer).toEqual({ ...(await extractiveGuide.answer(QUESTION)), timingsMs: answer.timingsMs, fallback: "nothing-verified" });
    expect(fallbackLog()).toEqual([expect.objectContaining({ reason: "nothing-verified", fallback: "extractive", generator: "openai:gpt-4o-mini" })]);
  });

  it("drops a citation to a section that was not retrieved but keeps the verified rest", async () => {
    modelReplies({
      covered: true,
      text: "Bring traditionally excluded groups in [1]. Also hire a consultant [2].",
      citations: [
        { n: 1, sectionId: "practices.3.leadership.a", quote: "including traditionally excluded individuals and groups" },
        { n: 2, sectionId: "practices.99.leadership.z", quote: "hire a consultant for everything" },
      ],
    });
    const answer = await guide.answer(QUESTION);
    expect(answer.mode).toBe("generated");
    expect(answer.text).not.toContain("consultant");
    expect(answer.citations.map((c) => c.sectionId)).toEqual(["practices.3.leadership.a"]);
  });

  it.each([
    ["a 429", () => nock(ORIGIN).post(PATH).reply(429, { error: { message: "rate limited" } }), "rate-limited"],
    ["a 500", () => nock(ORIGIN).post(PATH).reply(500, { error: { message: "boom" } }), "server-error"],
    ["malformed JSON", () => nock(ORIGIN).post(PATH).reply(200, { ...completion({}), choices: [{ index: 0, message: { role: "assistant", content: "not json at all" }, finish_reason: "stop" }] }), "malformed"],
  ])("falls back to the extractive answer on %s, with one log line and no key in the logs", async (_name, arrange, reason) => {
    arrange();
    const answer = await guide.answer(QUESTION);
    expect(answer).toMatchObject({ mode: "extractive", status: "answered", fallback: reason });
    expect(answer.citations.length).toBeGreaterThan(0);
    expect(fallbackLog()).toEqual([expect.objectContaining({ reason, fallback: "extractive" })]);
    expect(JSON.stringify(logLines)).not.toContain(API_KEY);
  });

  it("falls back to the extractive answer when the endpoint is slower than the timeout", async () => {
    const slow = await startHangingServer();
    const config = loadConfig({ LANCEDB_URI: lancedbUri, OPENAI_API_KEY: API_KEY, OPENAI_BASE_URL: slow.baseURL, OPENAI_MAX_RETRIES: "0", OPENAI_TIMEOUT_MS: "300" });
    const slowGuide = await openPracticeGuide(config, createLogger("info", logStream), { embedder: null });
    try {
      const answer = await slowGuide.answer(QUESTION);
      expect(answer).toMatchObject({ mode: "extractive", status: "answered", fallback: "timeout" });
      expect(slow.requests).toBe(1);
      expect(fallbackLog()).toEqual([expect.objectContaining({ reason: "timeout", fallback: "extractive" })]);
    } finally {
      await slowGuide.close();
      await slow.close();
    }
  });

  it("refuses when the model judges the retrieved sections do not answer the question", async () => {
    modelReplies({ covered: false, text: "", citations: [] });
    const answer = await guide.answer(QUESTION);
    expect(answer).toMatchObject({ status: "refused", mode: "generated", citations: [], refusal: "model-not-covered" });
    expect(answer.fallback).toBeUndefined();
    expect(answer.text).toMatch(/doesn't cover that/);
    expect(fallbackLog()).toEqual([]);
  });

  it("does not call the model for a question the corpus clearly does not cover", async () => {
    const answer = await guide.answer("What's the weather in Denver tomorrow?");
    expect(answer).toMatchObject({ status: "refused", mode: "extractive", citations: [] });
    expect(answer.fallback).toBeUndefined();
    // A call would have failed (no reply is replayed) and logged a fallback.
    expect(fallbackLog()).toEqual([]);
  });
});
