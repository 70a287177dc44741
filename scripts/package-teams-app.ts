// `npm run teams:package`: fills the bot's Microsoft App ID and the publisher (developer name,
// website, privacy and terms URLs: flags, or TEAMS_* in .env) into
// bot/surfaces/teams/app-package/manifest.json, checks the result against Microsoft's Teams
// manifest schema, and zips it with the two icons into the app package an admin uploads
// (build/practice-guide-teams.zip). A package whose URLs still point at example.org is refused
// unless --allow-placeholder-urls is given: users see those links in Teams' app details.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Command } from "commander";
import Ajv04Module from "ajv-draft-04";
import addFormatsModule from "ajv-formats";
import { zipSync } from "fflate";
import { ConfigError, loadConfig, type Config } from "../bot/platform/config.js";

const Ajv04 = Ajv04Module as unknown as typeof import("ajv-draft-04").default;
const addFormats = addFormatsModule as unknown as (ajv: InstanceType<typeof Ajv04>) => unknown;

export const TEAMS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../bot/surfaces/teams/app-package");
export const DEFAULT_PACKAGE_PATH = resolve(dirname(fileURLToPath(import.meta.url)), "../build/practice-guide-teams.zip");
export const PACKAGE_FILES = ["manifest.json", "color.png", "outline.png"] as const;
/** The id the checked-in manifest carries until packaging fills in the real one. */
export const PLACEHOLDER_ID = "00000000-0000-0000-0000-000000000000";

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
// A fixed timestamp keeps the zip byte-identical for identical inputs.
const ZIP_MTIME = new Date("2024-01-01T00:00:00Z");

type Manifest = Record<string, unknown> & {
  manifestVersion: string;
  id: string;
  developer?: { name?: string; websiteUrl?: string; privacyUrl?: string; termsOfUseUrl?: string; [k: string]: unknown };
  bots?: Array<{ botId: string }>;
  composeExtensions?: Array<{ botId?: string }>;
};

/** Who publishes the app; each field left unset keeps the checked-in manifest's value. */
export type Publisher = Config["teamsPackage"];

/** The manifest's developer fields that still point at a reserved example domain (RFC 2606). */
export function placeholderPublisherFields(manifest: Manifest): string[] {
  const developer = manifest.developer ?? {};
  return (["websiteUrl", "privacyUrl", "termsOfUseUrl"] as const).filter((field) => {
    const value = developer[field];
    if (typeof value !== "string") return false;
    try {
      return /(^|\.)example\.(org|com|net|gov)$/i.test(new URL(value).hostname);
    } catch {
      return false;
    }
  });
}

export class PlaceholderUrlError extends Error {}

/**
 * The manifest with the Microsoft App ID (the Entra app registration's client id) as the bot id,
 * the message extension's bot id, and the Teams app id, and the publisher's name and URLs.
 */
export function manifestForApp(template: Manifest, appId: string, publisher: Publisher = {}): Manifest {
  if (!GUID.test(appId) || appId === PLACEHOLDER_ID) {
    throw new Error(`MicrosoftAppId must be the Entra app registration's client id (a GUID); got "${appId}".`);
  }
  const developer = { ...template.developer };
  if (publisher.developerName) developer.name = publisher.developerName;
  if (publisher.websiteUrl) developer.websiteUrl = publisher.websiteUrl;
  if (publisher.privacyUrl) developer.privacyUrl = publisher.privacyUrl;
  if (publisher.termsUrl) developer.termsOfUseUrl = publisher.termsUrl;
  return {
    ...template,
    developer,
    id: appId,
    bots: template.bots?.map((bot) => ({ ...bot, botId: appId })),
    composeExtensions: template.composeExtensions?.map((extension) => ({ ...extension, botId: appId })),
  };
}

/** Schema errors for `manifest` against Microsoft's schema for its manifestVersion; empty when valid. */
export function teamsManifestErrors(manifest: Manifest): string[] {
  const require = createRequire(import.meta.url);
  const schemaPath = require.resolve(
    `@microsoft/app-manifest/build/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
  );
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")) as object);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
}

export interface PackageTeamsAppOptions {
  appId: string;
  publisher?: Publisher;
  /** Local testing only: package even while the URLs are example.org placeholders. */
  allowPlaceholderUrls?: boolean;
  teamsDir?: string;
  outFile?: string;
}

/** Writes the app package and returns its path. Throws with the schema errors if the manifest is invalid. */
export function packageTeamsApp(options: PackageTeamsAppOptions): string {
  const teamsDir = options.teamsDir ?? TEAMS_DIR;
  const outFile = options.outFile ?? DEFAULT_PACKAGE_PATH;
  const template = JSON.parse(readFileSync(join(teamsDir, "manifest.json"), "utf8")) as Manifest;
  const manifest = manifestForApp(template, options.appId, options.publisher);
  const placeholders = placeholderPublisherFields(manifest);
  if (placeholders.length > 0 && !options.allowPlaceholderUrls) {
    const flags: Record<string, string> = { websiteUrl: "--website-url / TEAMS_WEBSITE_URL", privacyUrl: "--privacy-url / TEAMS_PRIVACY_URL", termsOfUseUrl: "--terms-url / TEAMS_TERMS_URL" };
    throw new PlaceholderUrlError(
      `Refusing to package: developer ${placeholders.join(", ")} still point at example.org; set ${placeholders.map((f) => flags[f]).join(", ")} to your organisation's pages (or pass --allow-placeholder-urls for a local test package).`,
    );
  }
  const errors = teamsManifestErrors(manifest);
  if (errors.length > 0) throw new Error(`bot/surfaces/teams/app-package/manifest.json is not a valid Teams manifest:\n  ${errors.join("\n  ")}`);

  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {
    "manifest.json": [Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), { mtime: ZIP_MTIME }],
  };
  for (const icon of PACKAGE_FILES.filter((f) => f !== "manifest.json")) {
    entries[icon] = [readFileSync(join(teamsDir, icon)), { mtime: ZIP_MTIME }];
  }
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, zipSync(entries, { level: 9 }));
  return outFile;
}

function main(argv: string[]): void {
  const program = new Command()
    .name("teams:package")
    .description("Build the Teams app package (manifest + icons) for upload to Teams.")
    .option("--app-id <guid>", "Microsoft App ID of the bot (default: MicrosoftAppId from the environment or .env)")
    .option("--developer-name <name>", "publisher shown in Teams (default: TEAMS_DEVELOPER_NAME)")
    .option("--website-url <url>", "publisher's website (default: TEAMS_WEBSITE_URL)")
    .option("--privacy-url <url>", "privacy statement (default: TEAMS_PRIVACY_URL)")
    .option("--terms-url <url>", "terms of use (default: TEAMS_TERMS_URL)")
    .option("--allow-placeholder-urls", "local testing only: package even with the example.org URLs")
    .option("--out <file>", "where to write the zip", DEFAULT_PACKAGE_PATH)
    .parse(argv);
  const options = program.opts<{
    appId?: string;
    developerName?: string;
    websiteUrl?: string;
    privacyUrl?: string;
    termsUrl?: string;
    allowPlaceholderUrls?: boolean;
    out: string;
  }>();
  let config: Config;
  try {
    // Flags go through the same validation as .env (a URL must be a URL).
    config = loadConfig(undefined, {
      ...(options.developerName !== undefined && { TEAMS_DEVELOPER_NAME: options.developerName }),
      ...(options.websiteUrl !== undefined && { TEAMS_WEBSITE_URL: options.websiteUrl }),
      ...(options.privacyUrl !== undefined && { TEAMS_PRIVACY_URL: options.privacyUrl }),
      ...(options.termsUrl !== undefined && { TEAMS_TERMS_URL: options.termsUrl }),
    });
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : String(err));
    process.exitCode = 1;
    return;
  }
  const appId = options.appId ?? config.teams.appId;
  if (!appId) {
    console.error("Set MicrosoftAppId (in the environment or .env) or pass --app-id <guid>.");
    process.exitCode = 1;
    return;
  }
  try {
    const written = packageTeamsApp({ appId, publisher: config.teamsPackage, allowPlaceholderUrls: options.allowPlaceholderUrls, outFile: resolve(options.out) });
    const template = JSON.parse(readFileSync(join(TEAMS_DIR, "manifest.json"), "utf8")) as Manifest;
    const placeholders = placeholderPublisherFields(manifestForApp(template, appId, config.teamsPackage));
    if (placeholders.length > 0)
      console.error(`warning: --allow-placeholder-urls: developer ${placeholders.join(", ")} are example.org placeholders; do not publish this package to your organisation.`);
    console.log(`Wrote ${written}. Upload it in Teams (Apps → Manage your apps → Upload an app) or the Teams admin center.`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main(process.argv);
