// `npm run teams:package`: fills the bot's Microsoft App ID into bot/surfaces/teams/app-package/manifest.json, checks the
// result against Microsoft's Teams manifest schema, and zips it with the two icons into the
// app package an admin uploads (build/practice-guide-teams.zip).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Command } from "commander";
import Ajv04Module from "ajv-draft-04";
import addFormatsModule from "ajv-formats";
import { zipSync } from "fflate";
import { loadConfig } from "../bot/platform/config.js";

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
  bots?: Array<{ botId: string }>;
  composeExtensions?: Array<{ botId?: string }>;
};

/**
 * The manifest with the Microsoft App ID (the Entra app registration's client id) as the bot id,
 * the message extension's bot id, and the Teams app id.
 */
export function manifestForApp(template: Manifest, appId: string): Manifest {
  if (!GUID.test(appId) || appId === PLACEHOLDER_ID) {
    throw new Error(`MicrosoftAppId must be the Entra app registration's client id (a GUID); got "${appId}".`);
  }
  return {
    ...template,
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
  teamsDir?: string;
  outFile?: string;
}

/** Writes the app package and returns its path. Throws with the schema errors if the manifest is invalid. */
export function packageTeamsApp(options: PackageTeamsAppOptions): string {
  const teamsDir = options.teamsDir ?? TEAMS_DIR;
  const outFile = options.outFile ?? DEFAULT_PACKAGE_PATH;
  const template = JSON.parse(readFileSync(join(teamsDir, "manifest.json"), "utf8")) as Manifest;
  const manifest = manifestForApp(template, options.appId);
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
    .option("--out <file>", "where to write the zip", DEFAULT_PACKAGE_PATH)
    .parse(argv);
  const options = program.opts<{ appId?: string; out: string }>();
  const appId = options.appId ?? loadConfig().teams.appId;
  if (!appId) {
    console.error("Set MicrosoftAppId (in the environment or .env) or pass --app-id <guid>.");
    process.exitCode = 1;
    return;
  }
  try {
    const written = packageTeamsApp({ appId, outFile: resolve(options.out) });
    console.log(`Wrote ${written}. Upload it in Teams (Apps → Manage your apps → Upload an app) or the Teams admin center.`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main(process.argv);
