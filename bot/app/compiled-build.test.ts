// The production start without tsx: `npm run build` compiles the server to build/dist, and
// `node build/dist/bot/app/serve.js` listens, reports health and stops on SIGTERM, loading no
// TypeScript at run time. The answer and embedding workers' modules are compiled beside their
// pools (each pool picks .js when it runs compiled), and the answer worker comes up.
// Full-text index in a temporary folder; nothing leaves 127.0.0.1.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { watchSpawnedServer } from "../testing/spawned-server.js";

const REPO = path.resolve(import.meta.dirname, "../..");
const lanceDir = mkdtempSync(path.join(tmpdir(), "pg-built-"));
let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  rmSync(lanceDir, { recursive: true, force: true });
});

describe("the compiled server", () => {
  it("builds, listens, answers /healthz and exits 0 on SIGTERM, with no tsx loader", { timeout: 180_000 }, async () => {
    execFileSync("npm", ["run", "-s", "build"], { cwd: REPO, stdio: "pipe" });
    for (const file of ["bot/app/serve.js", "bot/app/answer-worker.js", "retrieval/embed-worker.js", "retrieval/ts-worker-entry.mjs", "bot/core/coverage-model.json"])
      expect(existsSync(path.join(REPO, "build/dist", file)), file).toBe(true);

    child = spawn(process.execPath, ["build/dist/bot/app/serve.js"], {
      cwd: REPO,
      env: { ...process.env, NODE_OPTIONS: "", ANSWER_WORKERS: "1", PORT: "0", LOG_LEVEL: "info", EMBEDDER: "none", LANCEDB_URI: lanceDir, SLACK_BOT_TOKEN: "", SLACK_APP_TOKEN: "", MicrosoftAppId: "", TEAMS_LOCAL_DEV_NO_AUTH: "false", OPENAI_API_KEY: "", REDIS_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const server = watchSpawnedServer(child, 150_000);
    const port = await server.port;
    // Ready once the answer workers (answer-worker.js, compiled) have opened their guides.
    const deadline = Date.now() + 60_000;
    while ((await fetch(`http://127.0.0.1:${port}/readyz`)).status !== 200) {
      expect(Date.now(), "the compiled server's answer workers never came up").toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { index: { ready: boolean; answerWorkers: { up: number } } }).index).toMatchObject({ ready: true, answerWorkers: { up: 1 } });
    child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });
});
