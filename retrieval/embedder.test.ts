import nock from "nock";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { createOpenAIEmbedder } from "./embedder.js";

const ORIGIN = "https://embeddings.test";
const client = new OpenAI({ apiKey: "sk-embed-test", baseURL: `${ORIGIN}/v1`, timeout: 5_000, maxRetries: 0 });

/** Replays the embeddings endpoint: one small vector per input, listed in reverse index order. */
function replayEmbeddings(requests: string[][]): void {
  nock(ORIGIN)
    .persist()
    .post("/v1/embeddings")
    .reply(async (request: Request) => {
      const body = (await request.json()) as { input: string[]; model: string; encoding_format?: string };
      if (body.encoding_format !== "float") return [400, JSON.stringify({ error: { message: "this server only returns floats" } }), { "content-type": "application/json" }];
      requests.push(body.input);
      const data = body.input.map((text, index) => ({ object: "embedding", index, embedding: [text.length, index, 1] })).reverse();
      return [200, JSON.stringify({ object: "list", data, model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } }), { "content-type": "application/json" }];
    });
}

afterEach(() => {
  nock.cleanAll();
});

describe("createOpenAIEmbedder", () => {
  it("learns its dimension from a probe and returns vectors in input order", async () => {
    const requests: string[][] = [];
    replayEmbeddings(requests);
    const embedder = await createOpenAIEmbedder(client, "text-embedding-3-small");
    expect(embedder).toMatchObject({ name: "openai:text-embedding-3-small", dimension: 3 });
    expect(await embedder.embed(["a", "bbb"])).toEqual([
      [1, 0, 1],
      [3, 1, 1],
    ]);
    expect(requests).toEqual([["dimension probe"], ["a", "bbb"]]);
  });
});
