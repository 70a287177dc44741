import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { parse as parseDotenv } from "dotenv";
import { describe, expect, it } from "vitest";
import { ConfigError, defaultAnswerWorkers, loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("gives working defaults for an empty environment: local index, local embeddings, no LLM", () => {
    const config = loadConfig({});
    expect(config.lancedb.uri).toBe("data/lancedb");
    expect(config.embedder.kind).toBe("use");
    expect(config.llm).toBeUndefined();
    expect(config.maxQuestionChars).toBe(2000);
    expect(config.port).toBe(3000);
    expect(config.slack.apiUrl).toBe("https://slack.com/api/");
    expect(config.teams.localDevNoAuth).toBe(false);
  });

  it("gives every outbound call to Slack and Microsoft a deadline, 10 s unless set", () => {
    expect(loadConfig({}).slack.apiTimeoutMs).toBe(10_000);
    expect(loadConfig({}).teams.httpTimeoutMs).toBe(10_000);
    const set = loadConfig({ SLACK_API_TIMEOUT_MS: "2500", TEAMS_HTTP_TIMEOUT_MS: "4000" });
    expect(set.slack.apiTimeoutMs).toBe(2500);
    expect(set.teams.httpTimeoutMs).toBe(4000);
  });

  it("switches generation on with an API key and reads its settings", () => {
    const config = loadConfig({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: "http://localhost:11434/v1", OPENAI_TIMEOUT_MS: "5000" });
    expect(config.llm).toMatchObject({ apiKey: "sk-test", baseURL: "http://localhost:11434/v1", timeoutMs: 5000, maxRetries: 1 });
  });

  it("configures the eval's faithfulness judge only when a judge model is named", () => {
    expect(loadConfig({ OPENAI_API_KEY: "sk-test" }).judge).toBeUndefined();
    expect(loadConfig({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: "http://llm.local/v1", EVAL_JUDGE_MODEL: "judge-1" }).judge).toEqual({
      apiKey: "sk-test",
      baseURL: "http://llm.local/v1",
      model: "judge-1",
      timeoutMs: 15_000,
    });
    const own = loadConfig({ EVAL_JUDGE_MODEL: "judge-1", EVAL_JUDGE_API_KEY: "sk-judge", EVAL_JUDGE_BASE_URL: "http://judge.local/v1" }).judge;
    expect(own).toMatchObject({ apiKey: "sk-judge", baseURL: "http://judge.local/v1" });
    expect(() => loadConfig({ EVAL_JUDGE_MODEL: "judge-1" })).toThrowError(/EVAL_JUDGE_MODEL is set but neither/);
  });

  it.each([
    ["PORT", "not-a-port"],
    ["EMBEDDER", "word2vec"],
    ["MAX_QUESTION_CHARS", "-5"],
    ["MAX_QUESTION_CHARS", "4001"],
    ["OPENAI_BASE_URL", "not a url"],
    ["MicrosoftAppType", "Anyone"],
    ["SLACK_API_TIMEOUT_MS", "0"],
    ["TEAMS_HTTP_TIMEOUT_MS", "600000"],
  ])("stops with a message naming %s when it is invalid", (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrowError(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrowError(new RegExp(`${name}:`));
  });

  it("treats empty optional values as unset", () => {
    const config = loadConfig({ OPENAI_API_KEY: "", SLACK_BOT_TOKEN: " ", OPENAI_BASE_URL: "" });
    expect(config.llm).toBeUndefined();
    expect(config.slack.botToken).toBeUndefined();
  });

  it("sizes the serving process's answer worker pool from the machine, leaving the main thread a core", () => {
    const expected = Math.min(4, Math.max(1, availableParallelism() - 1));
    expect(defaultAnswerWorkers(2)).toBe(1);
    expect(defaultAnswerWorkers(1)).toBe(1);
    expect(defaultAnswerWorkers(4)).toBe(3);
    expect(defaultAnswerWorkers(32)).toBe(4);
    expect(loadConfig({}).answerWorkers).toBe(expected);
    expect(loadConfig({ ANSWER_WORKERS: "" }).answerWorkers).toBe(expected);
    expect(loadConfig({ ANSWER_WORKERS: "3" }).answerWorkers).toBe(3);
    expect(loadConfig({ ANSWER_WORKERS: "0" }).answerWorkers).toBe(0);
    for (const value of ["-1", "17", "1.5", "two"]) expect(() => loadConfig({ ANSWER_WORKERS: value })).toThrowError(/ANSWER_WORKERS:/);
  });

  it("still reads EMBED_WORKERS, the setting's old name, and refuses the two names disagreeing", () => {
    expect(loadConfig({ EMBED_WORKERS: "" }).answerWorkers).toBe(Math.min(4, Math.max(1, availableParallelism() - 1)));
    expect(loadConfig({ EMBED_WORKERS: "3" }).answerWorkers).toBe(3);
    expect(loadConfig({ EMBED_WORKERS: "0" }).answerWorkers).toBe(0);
    expect(loadConfig({ EMBED_WORKERS: "2", ANSWER_WORKERS: "2" }).answerWorkers).toBe(2);
    expect(loadConfig({ EMBED_WORKERS: "", ANSWER_WORKERS: "2" }).answerWorkers).toBe(2);
    for (const value of ["-1", "17", "1.5", "two"]) expect(() => loadConfig({ EMBED_WORKERS: value })).toThrowError(/EMBED_WORKERS:/);
    expect(() => loadConfig({ EMBED_WORKERS: "1", ANSWER_WORKERS: "2" })).toThrowError(/EMBED_WORKERS is the old name of ANSWER_WORKERS/);
  });

  it("stops with one readable line when a SingleTenant or managed-identity Teams app has no tenant id", () => {
    const single = { MicrosoftAppId: "11111111-2222-3333-4444-555555555555", MicrosoftAppPassword: "secret", MicrosoftAppType: "SingleTenant" };
    expect(() => loadConfig(single)).toThrowError(ConfigError);
    expect(() => loadConfig(single)).toThrowError(/^Invalid configuration\. MicrosoftAppType=SingleTenant needs MicrosoftAppTenantId: the Directory \(tenant\) ID[^\n]*$/);
    expect(loadConfig({ ...single, MicrosoftAppTenantId: "tenant-guid" }).teams).toMatchObject({ appType: "SingleTenant", tenantId: "tenant-guid" });
    expect(() => loadConfig({ MicrosoftAppId: single.MicrosoftAppId, MicrosoftAppType: "UserAssignedMSI" })).toThrowError(/UserAssignedMSI needs MicrosoftAppTenantId/);
    expect(() => loadConfig({ ...single, MicrosoftAppType: "UserAssignedMSI", MicrosoftAppTenantId: "t" })).toThrowError(/takes no MicrosoftAppPassword/);
    // Teams off (no app id): the type copied from .env.example does not stop a Slack-only server.
    expect(loadConfig({ MicrosoftAppType: "SingleTenant" }).teams.appId).toBeUndefined();
  });

  it("reads the Teams package's publisher and the outbound proxy", () => {
    const config = loadConfig({ TEAMS_DEVELOPER_NAME: "City of Example", TEAMS_PRIVACY_URL: "https://city.gov/privacy", HTTPS_PROXY: "http://proxy.city.gov:8080", NO_PROXY: "localhost" });
    expect(config.teamsPackage).toMatchObject({ developerName: "City of Example", privacyUrl: "https://city.gov/privacy" });
    expect(config.proxy).toEqual({ httpsProxy: "http://proxy.city.gov:8080", noProxy: "localhost" });
    expect(() => loadConfig({ TEAMS_TERMS_URL: "not a url" })).toThrowError(/TEAMS_TERMS_URL:/);
    expect(() => loadConfig({ HTTPS_PROXY: "proxy:8080" })).toThrowError(/HTTPS_PROXY:/);
  });

  it("accepts .env.example as copied (`cp .env.example .env`, the first set-up step): Slack and Teams off, SingleTenant", () => {
    const copied = parseDotenv(readFileSync(new URL("../../.env.example", import.meta.url)));
    const config = loadConfig(copied);
    expect(config.slack.botToken).toBeUndefined();
    expect(config.teams).toMatchObject({ appId: undefined, appType: "SingleTenant" });
    expect(config.proxy).toBeUndefined();
  });
});
