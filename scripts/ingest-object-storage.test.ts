// The index on S3-compatible object storage, end to end on loopback: `npm run ingest` (a child
// process) writes to s3://bucket/prefix on an s3rver with the settings an operator sets
// (LANCEDB_S3_ENDPOINT, LANCEDB_S3_ALLOW_HTTP, AWS_*); this process, a reader started before
// any index existed, waits for it (it never builds one there), answers from it, and a second
// ingest's new generation reaches it within the refresh interval (the hot switch), as on a
// local folder.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../bot/platform/config.js";
import { createLogger } from "../bot/platform/logger.js";
import { openPracticeGuide } from "../bot/app/open-practice-guide.js";
import { LanceStore } from "../retrieval/index/lance-store.js";
import { S3_ACCESS_KEY, S3_SECRET_KEY, S3_SERVER_AVAILABLE, S3_SERVER_MISSING, startS3Server, type S3Server } from "../bot/testing/s3-server.js";

const INGEST = ["--import", "tsx", path.resolve("scripts/ingest.ts")];

function runIngest(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, INGEST, { env: { ...process.env, LOG_LEVEL: "warn", ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stderr })));
}

if (!S3_SERVER_AVAILABLE) console.warn(S3_SERVER_MISSING);

describe.skipIf(!S3_SERVER_AVAILABLE)("the index on S3-compatible storage (s3rver on loopback)", () => {
  let s3: S3Server;
  let env: Record<string, string>;
  let corpusDir: string;

  beforeAll(async () => {
    s3 = await startS3Server();
    corpusDir = path.join(mkdtempSync(path.join(tmpdir(), "s3-index-")), "corpus");
    cpSync("corpus", corpusDir, { recursive: true });
    env = {
      CORPUS_DIR: corpusDir,
      LANCEDB_URI: `s3://${s3.bucket}/guide/index`,
      LANCEDB_S3_ENDPOINT: s3.endpoint,
      LANCEDB_S3_ALLOW_HTTP: "true",
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: S3_ACCESS_KEY,
      AWS_SECRET_ACCESS_KEY: S3_SECRET_KEY,
      EMBEDDER: "none",
      INDEX_GRACE_SECONDS: "3",
    };
  });
  afterAll(async () => {
    await s3?.stop();
  });

  it("a reader started first waits for npm run ingest, answers from its index, and follows a re-ingest", async () => {
    const config = loadConfig({ ...env, LOG_LEVEL: "silent", INDEX_REFRESH_SECONDS: "0.2" });
    // Started before any index exists: on object storage a reader does not build one, it waits.
    const opening = openPracticeGuide(config, createLogger("silent"), { embedder: null });
    await sleep(1_000);
    const first = await runIngest(env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/no lock file excludes a second writer/);
    const guide = await opening;

    // Written to the bucket, through the endpoint (not to a local folder named "s3:").
    const keys = await s3.keys("guide/index/");
    expect(keys.some((k) => k.startsWith("guide/index/index_state.lance/_versions/"))).toBe(true);
    expect(keys.some((k) => /^guide\/index\/chunks_[^/]+\.lance\/data\//.test(k))).toBe(true);
    expect(existsSync("s3:")).toBe(false);

    const store = await LanceStore.open(config.lancedb);
    const state = await store.readState();
    expect(state).not.toBeNull();
    expect(await store.inspect(state!)).toEqual([]);
    store.close();

    try {
      const answer = await guide.answer("understanding the collective bargaining process");
      expect(answer.status).toBe("answered");
      expect(answer.text).toMatch(/collective bargaining/i);

      const file = path.join(corpusDir, "practices.yaml");
      const text = readFileSync(file, "utf8");
      const edited = text.replace(/text: Understanding the collective bargaining process.*/, "text: Understanding the collective bargaining process (Object storage marker)");
      expect(edited).not.toBe(text);
      writeFileSync(file, edited);
      const second = await runIngest(env);
      expect(second.code, second.stderr).toBe(0);
      const activated = performance.now();
      for (;;) {
        const next = await guide.answer("understanding the collective bargaining process");
        if (next.text.includes("Object storage marker")) break;
        expect(performance.now() - activated, "the re-ingested text never reached the reader").toBeLessThan(10_000);
        await sleep(50);
      }
      console.info(`object storage: the reader switched ${Math.round(performance.now() - activated)} ms after the second ingest exited`);
    } finally {
      await guide.close();
    }
  }, 180_000);
});
