import { readFileSync } from "node:fs";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { citation, makeAnswer } from "./test-helpers.js";
import { citedPairs, FaithfulnessTally, JUDGE_SYSTEM_PROMPT, JudgeReplyError, OpenAIJudge, parseVerdicts, type FaithfulnessJudge } from "./faithfulness.js";
import { renderFaithfulness } from "./report.js";

const ORIGIN = "https://judge.test";
const JUDGE_KEY = "sk-judge-d0NotLeak-77aa";
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

const generated = makeAnswer({
  mode: "generated",
  text: "Leaders seek out voices usually left out [1]. They also publish the budget in plain language [1][2].",
  citations: [citation(1, "practices.3.leadership.a", "Seek out voices that are usually left out of decisions."), citation(2, "practices.12", "Budget openly.")],
});

afterEach(() => {
  nock.cleanAll();
});

describe("citedPairs", () => {
  it("pairs each sentence, without its markers, with every quote it cites", () => {
    expect(citedPairs(generated)).toEqual([
      { sentence: "Leaders seek out voices usually left out.", quote: "Seek out voices that are usually left out of decisions." },
      { sentence: "They also publish the budget in plain language.", quote: "Seek out voices that are usually left out of decisions." },
      { sentence: "They also publish the budget in plain language.", quote: "Budget openly." },
    ]);
  });
});

describe("parseVerdicts", () => {
  it("reads one boolean per pair, fenced or not", () => {
    expect(parseVerdicts('{"verdicts": [true, false]}', 2)).toEqual([true, false]);
    expect(parseVerdicts('```json\n{"verdicts": [false]}\n```', 1)).toEqual([false]);
  });

  it("rejects a reply with the wrong count, non-booleans or no JSON", () => {
    for (const reply of ['{"verdicts": [true]}', '{"verdicts": ["yes", "no"]}', "Both are supported."]) {
      expect(() => parseVerdicts(reply, 2)).toThrowError(JudgeReplyError);
    }
  });
});

describe("OpenAIJudge", () => {
  it("sends the pairs as data under the judging instructions and returns the verdicts (replayed reply)", async () => {
    let sent: { model: string; messages: Array<{ role: string; content: string }> } | undefined;
    let auth: string | null = null;
    nock(ORIGIN)
      .post("/v1/chat/completions")
      .reply(async (request: Request) => {
        sent = (await request.json()) as typeof sent;
        auth = request.headers.get("authorization");
        return [200, fixture("judge-verdicts.json"), { "content-type": "application/json" }];
      });
    const judge = new OpenAIJudge({ apiKey: JUDGE_KEY, baseURL: `${ORIGIN}/v1`, model: "judge-1", timeoutMs: 5_000 });
    expect(await judge.judge(citedPairs(generated))).toEqual([true, false, true]);
    expect(auth).toBe(`Bearer ${JUDGE_KEY}`);
    expect(sent?.model).toBe("judge-1");
    expect(sent?.messages[0]).toEqual({ role: "system", content: JUDGE_SYSTEM_PROMPT });
    const data = JSON.parse(sent!.messages[1]!.content) as { pairs: Array<{ pair: number; SENTENCE: string; QUOTE: string }> };
    expect(data.pairs.map((p) => p.pair)).toEqual([1, 2, 3]);
    expect(data.pairs[2]).toMatchObject({ SENTENCE: "They also publish the budget in plain language.", QUOTE: "Budget openly." });
  });
});

describe("FaithfulnessTally", () => {
  const judgeReplying = (reply: (n: number) => boolean[] | Error): FaithfulnessJudge => ({
    model: "judge-1",
    judge: async (pairs) => {
      const r = reply(pairs.length);
      if (r instanceof Error) throw r;
      return r;
    },
  });
  const quietLogger = { warn: () => undefined };

  it("scores supported pairs over all pairs of generated answers only", async () => {
    const tally = new FaithfulnessTally(judgeReplying((n) => Array.from({ length: n }, (_, i) => i !== 1)), quietLogger);
    await tally.add(generated);
    await tally.add(makeAnswer({ mode: "extractive", text: "Quoted [1].", citations: [citation(1, "practices.3", "Quoted.")] }));
    await tally.add(makeAnswer({ status: "refused", mode: "generated" }));
    expect(tally.summary()).toEqual({ measured: true, model: "judge-1", score: 2 / 3, pairs: 3, supported: 2, answersJudged: 1, judgeErrors: 0 });
  });

  it("counts a judge failure, logs it and leaves that answer out of the score", async () => {
    const warnings: string[] = [];
    const tally = new FaithfulnessTally(judgeReplying(() => new JudgeReplyError("the judge did not return 3 true/false verdicts")), {
      warn: (_obj: unknown, msg?: string) => void warnings.push(msg ?? ""),
    } as never);
    await tally.add(generated);
    expect(tally.summary()).toMatchObject({ score: null, pairs: 0, answersJudged: 0, judgeErrors: 1 });
    expect(warnings).toEqual(["The faithfulness judge failed on one answer; it is left out of the score."]);
    expect(renderFaithfulness(tally.summary())).toMatch(/the judge failed on 1 answer/);
  });
});
