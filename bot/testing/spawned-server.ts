// A server started as its own process in a test (npm run serve, the compiled build, a
// replica): its log lines collected, and the port it reports in its "listening" line, or a
// rejection carrying the log when it exits or stays silent first.
import type { ChildProcess } from "node:child_process";

/**
 * The environment of an `npm run serve` under test: a free port, full-text index only, Slack
 * over HTTP against `slackApiUrl`, Teams and the LLM off; `extra` adds or overrides.
 */
export function serveTestEnv(options: { lancedbUri: string; slackBotToken: string; signingSecret: string; slackApiUrl: string }, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: "0",
    LOG_LEVEL: "info",
    EMBEDDER: "none",
    LANCEDB_URI: options.lancedbUri,
    SLACK_BOT_TOKEN: options.slackBotToken,
    SLACK_SIGNING_SECRET: options.signingSecret,
    SLACK_APP_TOKEN: "",
    SLACK_API_URL: options.slackApiUrl,
    MicrosoftAppId: "",
    TEAMS_LOCAL_DEV_NO_AUTH: "false",
    OPENAI_API_KEY: "",
    ...extra,
  };
}

export interface SpawnedServer {
  /** Everything it has logged so far (stdout and stderr). */
  output(): string;
  /** The port from its server_listening line. */
  port: Promise<number>;
  /** Its exit code, once it exits. */
  exited: Promise<number | null>;
}

export function watchSpawnedServer(child: ChildProcess, timeoutMs = 90_000): SpawnedServer {
  let output = "";
  child.stdout?.on("data", (chunk) => (output += String(chunk)));
  child.stderr?.on("data", (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const port = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not listen within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const look = () => {
      const line = output.split("\n").find((l) => l.includes('"event":"server_listening"'));
      if (!line) return;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { port: number }).port);
    };
    child.stdout?.on("data", look);
    child.stderr?.on("data", look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${output}`));
    });
  });
  return { output: () => output, port, exited };
}
