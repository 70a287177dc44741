// The index lifecycle as an operator lives it, with real processes on a real LanceDB folder:
// re-ingest while a long-lived guide answers, concurrent and paused or killed writers, a
// reader with a broken embedder, bad corpus edits and wrong index locations.
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../bot/platform/config.js";
import { createLogger } from "../bot/platform/logger.js";
import { openPracticeGuide } from "../bot/app/open-practice-guide.js";
import { LanceStore } from "../retrieval/index/lance-store.js";

const INGEST = ["--import", "tsx", path.resolve("scripts/ingest.ts")];

interface Finished {
  code: number | null;
  stderr: string;
}

function startIngest(env: Record<string, string>): ChildProcess & { finished: Promise<Finished> } {
  const child = spawn(process.execPath, INGEST, { env: { ...process.env, LOG_LEVEL: "warn", ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const finished = new Promise<Finished>((resolve) => child.on("close", (code) => resolve({ code, stderr })));
  return Object.assign(child, { finished });
}

const runIngest = (env: Record<string, string>) => startIngest(env).finished;

/** A private copy of the corpus and an empty index folder. */
function workspace(): { corpusDir: string; lancedb: string; env: Record<string, string> } {
  const root = mkdtempSync(path.join(tmpdir(), "lifecycle-"));
  const corpusDir = path.join(root, "corpus");
  cpSync("corpus", corpusDir, { recursive: true });
  const lancedb = path.join(root, "lancedb");
  return { corpusDir, lancedb, env: { CORPUS_DIR: corpusDir, LANCEDB_URI: lancedb, EMBEDDER: "none" } };
}

/** Replaces `from` with `to` in one corpus file (the edit a maintainer makes). */
function editCorpus(corpusDir: string, file: string, from: string | RegExp, to: string): void {
  const filePath = path.join(corpusDir, file);
  const text = readFileSync(filePath, "utf8");
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  writeFileSync(filePath, next);
}

async function stateOf(uri: string) {
  const store = await LanceStore.open({ uri });
  try {
    const state = await store.readState();
    return { state, problems: state ? await store.inspect(state) : ["no index"] };
  } finally {
    store.close();
  }
}

describe("re-ingest while a long-lived guide answers", () => {
  it("switches to each new index within the refresh interval, with no failed question, 20 times over", async () => {
    const { corpusDir, env } = workspace();
    // A short grace period, so superseded indexes are really dropped while questions run.
    const config = loadConfig({ ...env, LOG_LEVEL: "silent", INDEX_REFRESH_SECONDS: "0.2", INDEX_GRACE_SECONDS: "3" });
    expect((await runIngest({ ...env, INDEX_GRACE_SECONDS: "3" })).code).toBe(0);
    const guide = await openPracticeGuide(config, createLogger("silent"), { embedder: null });

    const questions = ["understanding the collective bargaining process", "define implicit bias", "How do I book an ICMA workshop?"];
    let asked = 0;
    const failures: string[] = [];
    let running = true;
    const background = (async () => {
      while (running) {
        const answer = await guide.answer(questions[asked % questions.length]!).catch((e: Error) => ({ status: "error", text: e.message }));
        asked += 1;
        if (answer.status !== "answered") failures.push(`${answer.status}: ${answer.text.slice(0, 120)}`);
        await sleep(5);
      }
    })();

    const switchMs: number[] = [];
    for (let round = 1; round <= 20; round++) {
      const marker = `Lifecycle marker ${round}`;
      // The glossary definition (reached by lookup) and a dimension (reached by search) both change.
      editCorpus(corpusDir, "glossary.yaml", /(Lifecycle marker \d+\. )?Attitudes or stereotypes that affect/, `${marker}. Attitudes or stereotypes that affect`);
      editCorpus(corpusDir, "practices.yaml", /text: Understanding the collective bargaining process.*/, `text: Understanding the collective bargaining process (${marker})`);
      const ingest = await runIngest({ ...env, INDEX_GRACE_SECONDS: "3" });
      expect(ingest.code, ingest.stderr).toBe(0);
      const activated = performance.now();
      for (;;) {
        const [glossary, searched] = await Promise.all([guide.answer("define implicit bias"), guide.answer("understanding the collective bargaining process")]);
        if (glossary.text.includes(marker) && searched.text.includes(marker)) break;
        expect(performance.now() - activated, `round ${round}: the new text never appeared`).toBeLessThan(5_000);
        await sleep(20);
      }
      switchMs.push(performance.now() - activated);
    }
    running = false;
    await background;
    await guide.close();

    expect(failures).toEqual([]);
    expect(asked).toBeGreaterThan(20);
    // Old pointer versions are compacted: 20 ingests, only the last few seconds' versions kept.
    const manifests = readdirSync(path.join(env.LANCEDB_URI!, "index_state.lance", "_versions")).filter((f) => f.endsWith(".manifest"));
    expect(manifests.length).toBeLessThan(15);
    // And superseded indexes past the grace period were dropped while questions ran.
    expect(readdirSync(env.LANCEDB_URI!).filter((f) => f.startsWith("chunks_")).length).toBeLessThan(10);
    // Within a refresh interval (0.2 s) plus opening the new index.
    expect(Math.max(...switchMs)).toBeLessThan(2_000);
  }, 240_000);
});

describe("one writer at a time", () => {
  it("three ingests started together: one writes, the others exit 3 naming the running one, and the index is complete", async () => {
    const { corpusDir, lancedb, env } = workspace();
    expect((await runIngest(env)).code).toBe(0);
    editCorpus(corpusDir, "practices.yaml", "text: Understanding the collective bargaining process", "text: Concurrent edit. Understanding the collective bargaining process");
    const results = await Promise.all([runIngest(env), runIngest(env), runIngest(env)]);
    const codes = results.map((r) => r.code);
    // A writer that started after the first had finished finds nothing to do and also exits 0.
    expect(codes).toContain(0);
    expect(codes.filter((c) => c !== 0 && c !== 3)).toEqual([]);
    for (const lost of results.filter((r) => r.code === 3)) expect(lost.stderr).toMatch(/another ingest is running \(pid \d+, since /);
    const { state, problems } = await stateOf(lancedb);
    expect(problems).toEqual([]);
    const store = await LanceStore.open({ uri: lancedb });
    const snapshot = (await store.openActiveSnapshot())!;
    store.close();
    expect(snapshot.sections.some((s) => s.text.startsWith("Concurrent edit."))).toBe(true);
    expect(state!.sectionCount).toBe(snapshot.sections.length);
  }, 120_000);

  it("a writer paused mid-write keeps the lock; a killed one does not block the next", async () => {
    const { lancedb, env } = workspace();
    // With the default model, a first build embeds every item: long enough to pause it.
    const slowEnv = { ...env, EMBEDDER: "use" };
    const paused = startIngest(slowEnv);
    await waitForLock(lancedb);
    paused.kill("SIGSTOP");
    const whilePaused = await runIngest(env);
    expect(whilePaused.code).toBe(3);
    expect(whilePaused.stderr).toContain(`another ingest is running (pid ${paused.pid}`);
    paused.kill("SIGCONT");
    const resumed = await paused.finished;
    expect(resumed.code, resumed.stderr).toBe(0);
    expect((await stateOf(lancedb)).problems).toEqual([]);

    const { lancedb: other, env: otherEnv } = workspace();
    const killed = startIngest({ ...otherEnv, EMBEDDER: "use" });
    await waitForLock(other);
    killed.kill("SIGKILL");
    await killed.finished;
    const next = await runIngest(otherEnv);
    expect(next.code, next.stderr).toBe(0);
    expect((await stateOf(other)).problems).toEqual([]);
  }, 240_000);
});

async function waitForLock(folder: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!existsSync(path.join(folder, "ingest.lock"))) {
    if (Date.now() > deadline) throw new Error("the ingest never took its lock");
    await sleep(50);
  }
  // Past start-up and into the build (the lock is taken just before writing starts).
  await sleep(1_500);
}

describe("readers never write", () => {
  it("a reader whose embedder cannot load answers from full text and leaves the stored vectors alone", async () => {
    const { lancedb, env } = workspace();
    expect((await runIngest({ ...env, EMBEDDER: "use" })).code).toBe(0);
    const before = (await stateOf(lancedb)).state!;
    expect(before.embedder).toMatch(/^use-lite/);
    const lines: string[] = [];
    const logger = createLogger("warn", { write: (l: string) => lines.push(l) } as unknown as NodeJS.WritableStream);
    // EMBEDDER=openai with no key: the embedder cannot load.
    const guide = await openPracticeGuide(loadConfig({ ...env, EMBEDDER: "openai", LOG_LEVEL: "silent" }), logger);
    const answer = await guide.answer("understanding the collective bargaining process");
    await guide.close();
    expect(answer.status).toBe("answered");
    expect(lines.join("")).toContain("answering with full-text search only. The stored vectors are left alone");
    expect((await stateOf(lancedb)).state).toEqual(before);

    // Only an explicit ingest may replace it, and only when told to.
    const refused = await runIngest({ ...env, EMBEDDER: "openai" });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("--text-only");
    expect((await stateOf(lancedb)).state).toEqual(before);
  }, 120_000);

  it("a bad corpus edit leaves readers serving the last good index with one warning naming file:line; ingest refuses it", async () => {
    const { corpusDir, lancedb, env } = workspace();
    expect((await runIngest(env)).code).toBe(0);
    const before = (await stateOf(lancedb)).state!;
    writeFileSync(path.join(corpusDir, "workshops.yaml"), `${readFileSync(path.join(corpusDir, "workshops.yaml"), "utf8")}\n  - id: [broken\n`);
    const lines: string[] = [];
    const logger = createLogger("warn", { write: (l: string) => lines.push(l) } as unknown as NodeJS.WritableStream);
    const guide = await openPracticeGuide(loadConfig({ ...env, LOG_LEVEL: "silent" }), logger, { embedder: null });
    expect((await guide.answer("How do I book an ICMA workshop?")).status).toBe("answered");
    await guide.close();
    const warnings = lines.map((l) => JSON.parse(l) as { msg: string }).filter((l) => l.msg.includes("Corpus error"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toMatch(/workshops\.yaml:\d+: malformed YAML.*still answering from the last good index/);

    const ingest = await runIngest(env);
    expect(ingest.code).toBe(1);
    expect(ingest.stderr).toMatch(/workshops\.yaml:\d+: malformed YAML/);
    expect((await stateOf(lancedb)).state).toEqual(before);
  }, 120_000);
});

describe("wrong index and corpus locations", () => {
  const root = mkdtempSync(path.join(tmpdir(), "locations-"));
  const aFile = path.join(root, "a-file");
  writeFileSync(aFile, "not a folder");
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ["LANCEDB_URI is a file", { LANCEDB_URI: aFile }, /^LANCEDB_URI=.*a-file is a file, not a folder/],
    ["LANCEDB_URI is under a file", { LANCEDB_URI: path.join(aFile, "db") }, /^LANCEDB_URI=.* is under .*a-file, which is a file/],
    ["LANCEDB_URI has an unknown scheme", { LANCEDB_URI: "ftp://host/db" }, /^LANCEDB_URI=ftp:\/\/host\/db: unknown scheme "ftp:\/\/"/],
    ["CORPUS_DIR is missing", { CORPUS_DIR: path.join(root, "no-corpus") }, /no-corpus: no such folder: set CORPUS_DIR/],
  ];
  for (const [name, env, message] of cases) {
    it(`${name}: one line naming it, a non-zero exit, no stack`, async () => {
      const result = await runIngest({ EMBEDDER: "none", LANCEDB_URI: path.join(root, "db"), ...env });
      expect(result.code).not.toBe(0);
      const lines = result.stderr.split("\n").filter((l) => l.trim() && !l.startsWith("{"));
      expect(lines.join("\n")).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  }
});
