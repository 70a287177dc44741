// The one place that reads the environment. Entry points call loadConfig() once at
// start-up and pass the typed result down; nothing else touches process.env.
import { availableParallelism } from "node:os";
import { config as loadDotenv } from "dotenv";
import { z } from "zod";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .optional()
  .transform((v) => v === "true" || v === "1" || v === "yes");

// An http:// or https:// proxy address (a bare "proxy:8080" would parse as a URL with scheme "proxy").
const proxyUrl = z
  .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL, e.g. http://proxy.example.gov:8080" })
  .optional()
  .or(z.literal("").transform(() => undefined));

// 0 to 16 worker threads; empty or unset is undefined (the default is applied after both names are read).
const workerCount = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.coerce.number().int().min(0).max(16).optional());

/** min(4, max(1, cores - 1)): one core for the main thread, at least one worker, at most 4. */
export function defaultAnswerWorkers(cores = availableParallelism()): number {
  return Math.min(4, Math.max(1, cores - 1));
}

const ConfigSchema = z.object({
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  CORPUS_DIR: z.string().default("corpus"),
  LANCEDB_URI: z.string().default("data/lancedb"),
  LANCEDB_API_KEY: optionalString,
  LANCEDB_REGION: optionalString,
  // An S3-compatible store other than AWS (MinIO, Ceph, a local emulator) for an s3:// URI.
  // Requests are path-style (bucket in the path), object_store's default.
  LANCEDB_S3_ENDPOINT: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL, e.g. https://minio.example.gov:9000" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  LANCEDB_S3_ALLOW_HTTP: booleanFlag,
  // The standard AWS variables, passed to LanceDB for an s3:// index (unset: its own credential chain).
  AWS_REGION: optionalString,
  AWS_DEFAULT_REGION: optionalString,
  AWS_ACCESS_KEY_ID: optionalString,
  AWS_SECRET_ACCESS_KEY: optionalString,
  AWS_SESSION_TOKEN: optionalString,
  INDEX_REFRESH_SECONDS: z.coerce.number().min(0.1).max(300).default(2),
  INDEX_GRACE_SECONDS: z.coerce.number().min(1).max(86_400).default(600),
  EMBEDDER: z.enum(["use", "openai", "none"]).default("use"),
  EMBEDDING_MODEL: z.string().default("text-embedding-3-small"),
  // Worker threads that answer questions in `npm run serve` (0: answer on the main thread).
  // Each worker opens its own guide (index, corpus, its own copy of the embedding model) and
  // runs the whole of answer() there, so the main thread only takes requests in, acks them and
  // serves /healthz. One core is left to the main thread: on 2 cores, 2 workers answered a
  // burst slower than 1 (last of 100 replies 16 s against 7-10 s). Each worker adds about
  // 250 MB (825 MB with 2, 575 MB with 1), and past 4 one process's question rate gains
  // nothing. An empty value means the default, not 0. EMBED_WORKERS is the old name (from when
  // only the embedder ran in workers) and still works.
  ANSWER_WORKERS: workerCount,
  EMBED_WORKERS: workerCount,
  // Capped where the worst case is measured: a 4,000-character question (half of it garbled
  // words) answers in about 0.4 s on 2 cores; at 98,800 characters one took 97.8 s.
  MAX_QUESTION_CHARS: z.coerce.number().int().min(10).max(4_000).default(2000),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: z.url().optional().or(z.literal("").transform(() => undefined)),
  OPENAI_MODEL: z.string().default("gpt-4o-mini"),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  OPENAI_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(1),
  OPENAI_TEMPERATURE: z.coerce.number().min(0).max(2).default(0.1),
  EVAL_JUDGE_MODEL: optionalString,
  EVAL_JUDGE_BASE_URL: z.url().optional().or(z.literal("").transform(() => undefined)),
  EVAL_JUDGE_API_KEY: optionalString,
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: z.url().default("https://slack.com/api/"),
  // Each Web API call (auth.test, chat.postMessage, ...) and response_url reply gives up after this.
  SLACK_API_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).default("MultiTenant"),
  MicrosoftAppTenantId: optionalString,
  TEAMS_LOCAL_DEV_NO_AUTH: booleanFlag,
  // Each call to Microsoft (OpenID metadata and signing keys, the token endpoint) gives up after this.
  TEAMS_HTTP_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
  // Outbound proxy for every HTTPS call the server makes (Slack, Microsoft, an LLM endpoint).
  // The lower-case spellings are what curl and most Unix tools read; upper case wins.
  HTTPS_PROXY: proxyUrl,
  https_proxy: proxyUrl,
  HTTP_PROXY: proxyUrl,
  http_proxy: proxyUrl,
  NO_PROXY: optionalString,
  no_proxy: optionalString,
  // `npm run teams:package`: who publishes the Teams app and its public pages.
  TEAMS_DEVELOPER_NAME: optionalString,
  TEAMS_WEBSITE_URL: z.url().optional().or(z.literal("").transform(() => undefined)),
  TEAMS_PRIVACY_URL: z.url().optional().or(z.literal("").transform(() => undefined)),
  TEAMS_TERMS_URL: z.url().optional().or(z.literal("").transform(() => undefined)),
  // Shared state for several replicas (redelivery claims, conversation history, shared
  // answers). Unset: each process keeps its own in memory.
  REDIS_URL: optionalString.refine((v) => v === undefined || /^rediss?:\/\/\S+$/.test(v), "must be a redis:// or rediss:// URL"),
  // Each Redis command gives up after this and the store answers from this process's memory.
  REDIS_TIMEOUT_MS: z.coerce.number().int().min(20).max(10_000).default(500),
});

export interface Config {
  logLevel: z.infer<typeof ConfigSchema>["LOG_LEVEL"];
  corpusDir: string;
  /** `storageOptions`: object_store settings for an s3:// index (endpoint, region, credentials), absent otherwise. */
  lancedb: { uri: string; apiKey?: string; region?: string; storageOptions?: Record<string, string> };
  /** How often a long-lived reader re-reads the index pointer to pick up a re-ingest. */
  indexRefreshMs: number;
  /** How long a writer keeps a superseded index for readers still on it; must exceed the refresh interval. */
  indexGraceMs: number;
  embedder: { kind: "use" | "openai" | "none"; openaiModel: string };
  /**
   * Worker threads that answer questions in a serving process (ANSWER_WORKERS, formerly
   * EMBED_WORKERS), each with its own guide and model; 0 answers (and embeds) on the main thread.
   */
  answerWorkers: number;
  maxQuestionChars: number;
  /** Present only when an OpenAI-compatible endpoint is configured. */
  llm?: {
    apiKey: string;
    baseURL?: string;
    model: string;
    timeoutMs: number;
    maxRetries: number;
    temperature: number;
  };
  /** The eval's faithfulness judge (`npm run eval -- --mode generated`); only when EVAL_JUDGE_MODEL is set. */
  judge?: { apiKey: string; baseURL?: string; model: string; timeoutMs: number };
  port: number;
  slack: { botToken?: string; signingSecret?: string; appToken?: string; apiUrl: string; apiTimeoutMs: number };
  teams: {
    appId?: string;
    appPassword?: string;
    appType: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
    tenantId?: string;
    localDevNoAuth: boolean;
    /** Deadline for each outbound call to Microsoft's login and metadata endpoints. */
    httpTimeoutMs: number;
  };
  /** The Teams app package's publisher (`npm run teams:package`); unset fields keep the manifest's. */
  teamsPackage: { developerName?: string; websiteUrl?: string; privacyUrl?: string; termsUrl?: string };
  /** Outbound proxy; absent when no proxy variable is set. `noProxy` is NO_PROXY's list, as written. */
  proxy?: { httpsProxy?: string; httpProxy?: string; noProxy?: string };
  /** Present only when REDIS_URL is set: shared state lives there, this process's memory is the fallback. */
  redis?: { url: string; commandTimeoutMs: number };
}

export class ConfigError extends Error {}

/**
 * Validates `env` (by default the process environment plus a `.env` file, which never
 * overrides variables already set) and returns the typed config. An invalid value
 * throws a ConfigError naming the variable. `overrides` (a command's flags, by variable name)
 * win over both and are validated the same way.
 */
export function loadConfig(env?: Record<string, string | undefined>, overrides: Record<string, string | undefined> = {}): Config {
  let source = env;
  if (!source) {
    loadDotenv({ quiet: true });
    source = process.env;
  }
  // A command line's flags (e.g. `teams:package --privacy-url`) win over the environment and .env.
  if (Object.keys(overrides).length > 0) source = { ...source, ...overrides };
  const parsed = ConfigSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration. ${problems.join("; ")}`);
  }
  const e = parsed.data;
  if (e.INDEX_GRACE_SECONDS <= e.INDEX_REFRESH_SECONDS)
    throw new ConfigError("Invalid configuration. INDEX_GRACE_SECONDS must be longer than INDEX_REFRESH_SECONDS, or readers could lose the index they are on.");
  if (e.MicrosoftAppId && (e.MicrosoftAppType === "SingleTenant" || e.MicrosoftAppType === "UserAssignedMSI") && !e.MicrosoftAppTenantId)
    throw new ConfigError(
      `Invalid configuration. MicrosoftAppType=${e.MicrosoftAppType} needs MicrosoftAppTenantId: the Directory (tenant) ID from the app registration's Overview page in the Azure portal.`,
    );
  if (e.MicrosoftAppType === "UserAssignedMSI" && e.MicrosoftAppPassword)
    throw new ConfigError("Invalid configuration. MicrosoftAppType=UserAssignedMSI takes no MicrosoftAppPassword (the managed identity has no secret); leave it empty.");
  const storageOptions = s3StorageOptions(e);
  const httpsProxy = e.HTTPS_PROXY ?? e.https_proxy;
  const httpProxy = e.HTTP_PROXY ?? e.http_proxy;
  const noProxy = e.NO_PROXY ?? e.no_proxy;
  if (e.ANSWER_WORKERS !== undefined && e.EMBED_WORKERS !== undefined && e.ANSWER_WORKERS !== e.EMBED_WORKERS)
    throw new ConfigError(
      `Invalid configuration. ANSWER_WORKERS=${e.ANSWER_WORKERS} and EMBED_WORKERS=${e.EMBED_WORKERS} disagree: EMBED_WORKERS is the old name of ANSWER_WORKERS; set only ANSWER_WORKERS.`,
    );
  const judgeKey = e.EVAL_JUDGE_API_KEY ?? e.OPENAI_API_KEY;
  if (e.EVAL_JUDGE_MODEL && !judgeKey)
    throw new ConfigError("Invalid configuration. EVAL_JUDGE_MODEL is set but neither EVAL_JUDGE_API_KEY nor OPENAI_API_KEY is.");
  return {
    logLevel: e.LOG_LEVEL,
    corpusDir: e.CORPUS_DIR,
    lancedb: { uri: e.LANCEDB_URI, apiKey: e.LANCEDB_API_KEY, region: e.LANCEDB_REGION, ...(storageOptions ? { storageOptions } : {}) },
    indexRefreshMs: Math.round(e.INDEX_REFRESH_SECONDS * 1000),
    indexGraceMs: Math.round(e.INDEX_GRACE_SECONDS * 1000),
    embedder: { kind: e.EMBEDDER, openaiModel: e.EMBEDDING_MODEL },
    answerWorkers: e.ANSWER_WORKERS ?? e.EMBED_WORKERS ?? defaultAnswerWorkers(),
    maxQuestionChars: e.MAX_QUESTION_CHARS,
    llm: e.OPENAI_API_KEY
      ? {
          apiKey: e.OPENAI_API_KEY,
          baseURL: e.OPENAI_BASE_URL,
          model: e.OPENAI_MODEL,
          timeoutMs: e.OPENAI_TIMEOUT_MS,
          maxRetries: e.OPENAI_MAX_RETRIES,
          temperature: e.OPENAI_TEMPERATURE,
        }
      : undefined,
    judge:
      e.EVAL_JUDGE_MODEL && judgeKey
        ? {
            apiKey: judgeKey,
            baseURL: e.EVAL_JUDGE_BASE_URL ?? e.OPENAI_BASE_URL,
            model: e.EVAL_JUDGE_MODEL,
            timeoutMs: e.OPENAI_TIMEOUT_MS,
          }
        : undefined,
    port: e.PORT,
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      apiTimeoutMs: e.SLACK_API_TIMEOUT_MS,
    },
    teams: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType,
      tenantId: e.MicrosoftAppTenantId,
      localDevNoAuth: e.TEAMS_LOCAL_DEV_NO_AUTH,
      httpTimeoutMs: e.TEAMS_HTTP_TIMEOUT_MS,
    },
    teamsPackage: { developerName: e.TEAMS_DEVELOPER_NAME, websiteUrl: e.TEAMS_WEBSITE_URL, privacyUrl: e.TEAMS_PRIVACY_URL, termsUrl: e.TEAMS_TERMS_URL },
    proxy: httpsProxy || httpProxy ? { httpsProxy, httpProxy, noProxy } : undefined,
    redis: e.REDIS_URL ? { url: e.REDIS_URL, commandTimeoutMs: e.REDIS_TIMEOUT_MS } : undefined,
  };
}

/**
 * LanceDB's object_store options for an s3:// index, from LANCEDB_S3_* and the standard AWS
 * variables; undefined for any other location. LANCEDB_S3_* with another kind of URI, a
 * plain-http endpoint without LANCEDB_S3_ALLOW_HTTP, or half a key pair is a ConfigError.
 */
function s3StorageOptions(e: z.infer<typeof ConfigSchema>): Record<string, string> | undefined {
  const isS3 = /^s3(\+ddb)?:\/\//i.test(e.LANCEDB_URI.trim());
  if (!isS3) {
    if (e.LANCEDB_S3_ENDPOINT || e.LANCEDB_S3_ALLOW_HTTP)
      throw new ConfigError(`Invalid configuration. LANCEDB_S3_ENDPOINT and LANCEDB_S3_ALLOW_HTTP apply to an s3:// index only, but LANCEDB_URI=${e.LANCEDB_URI}.`);
    return undefined;
  }
  if (e.LANCEDB_S3_ENDPOINT?.startsWith("http://") && !e.LANCEDB_S3_ALLOW_HTTP)
    throw new ConfigError(
      `Invalid configuration. LANCEDB_S3_ENDPOINT=${e.LANCEDB_S3_ENDPOINT} is plain http: set LANCEDB_S3_ALLOW_HTTP=true to allow it (a local or private-network store), or use https://.`,
    );
  if (Boolean(e.AWS_ACCESS_KEY_ID) !== Boolean(e.AWS_SECRET_ACCESS_KEY))
    throw new ConfigError("Invalid configuration. AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together: set both, or neither (LanceDB then uses its own credential chain).");
  const region = e.AWS_REGION ?? e.AWS_DEFAULT_REGION;
  const options: Record<string, string> = {
    ...(e.LANCEDB_S3_ENDPOINT ? { aws_endpoint: e.LANCEDB_S3_ENDPOINT } : {}),
    ...(e.LANCEDB_S3_ALLOW_HTTP ? { allow_http: "true" } : {}),
    ...(region ? { aws_region: region } : {}),
    ...(e.AWS_ACCESS_KEY_ID && e.AWS_SECRET_ACCESS_KEY ? { aws_access_key_id: e.AWS_ACCESS_KEY_ID, aws_secret_access_key: e.AWS_SECRET_ACCESS_KEY } : {}),
    ...(e.AWS_SESSION_TOKEN ? { aws_session_token: e.AWS_SESSION_TOKEN } : {}),
  };
  return Object.keys(options).length > 0 ? options : undefined;
}
