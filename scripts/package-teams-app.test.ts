import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { inflateSync } from "node:zlib";
import { unzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import {
  manifestForApp,
  packageTeamsApp,
  PACKAGE_FILES,
  placeholderPublisherFields,
  PlaceholderUrlError,
  PLACEHOLDER_ID,
  TEAMS_DIR,
  teamsManifestErrors,
} from "./package-teams-app.js";

const APP_ID = "5c7a1d0e-1111-4222-8333-444455556666";
const CITY = {
  developerName: "City of Springfield IT",
  websiteUrl: "https://it.springfield.gov/practice-guide",
  privacyUrl: "https://it.springfield.gov/privacy",
  termsUrl: "https://it.springfield.gov/terms",
};
const template = JSON.parse(readFileSync(join(TEAMS_DIR, "manifest.json"), "utf8"));
const workDir = mkdtempSync(join(tmpdir(), "teams-package-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface DecodedPng {
  width: number;
  height: number;
  colorType: number;
  rgba: Buffer;
}

/** Reads an 8-bit RGBA, non-interlaced PNG (what the icons are) into raw pixels. */
function decodePng(bytes: Buffer): DecodedPng {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = -1;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString("ascii", offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8);
      colorType = data[9]!;
      expect(data[12]).toBe(0);
    }
    if (type === "IDAT") idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4 + 1;
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * stride]).toBe(0); // filter "None", as the generator writes
    raw.copy(rgba, y * width * 4, y * stride + 1, (y + 1) * stride);
  }
  return { width, height, colorType, rgba };
}

describe("Teams app package source", () => {
  it("is a valid Teams manifest once the app id is filled in, with the bot and the glossary search command", () => {
    const manifest = manifestForApp(template, APP_ID);
    expect(teamsManifestErrors(manifest)).toEqual([]);
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots?.map((b) => b.botId)).toEqual([APP_ID]);
    expect(manifest.composeExtensions?.map((c) => c.botId)).toEqual([APP_ID]);
    expect(template.bots[0].scopes).toEqual(expect.arrayContaining(["personal", "team", "groupChat"]));
    const [command] = template.composeExtensions[0].commands;
    expect(command).toMatchObject({ id: "searchGlossary", type: "query" });
    expect(template.icons).toEqual({ color: "color.png", outline: "outline.png" });
  });

  it("reports schema violations", () => {
    const broken = { ...manifestForApp(template, APP_ID), accentColor: "teal", name: { short: "x".repeat(40) } };
    const errors = teamsManifestErrors(broken);
    expect(errors.some((e) => e.startsWith("/accentColor"))).toBe(true);
    expect(errors.some((e) => e.startsWith("/name"))).toBe(true);
  });

  it("refuses a missing or placeholder app id", () => {
    expect(() => manifestForApp(template, "not-a-guid")).toThrow(/GUID/);
    expect(() => manifestForApp(template, PLACEHOLDER_ID)).toThrow(/GUID/);
  });

  it("has a 192×192 colour icon and a 32×32 outline icon that is white on transparent", () => {
    const color = decodePng(readFileSync(join(TEAMS_DIR, "color.png")));
    expect([color.width, color.height]).toEqual([192, 192]);

    const outline = decodePng(readFileSync(join(TEAMS_DIR, "outline.png")));
    expect([outline.width, outline.height, outline.colorType]).toEqual([32, 32, 6]);
    let visible = 0;
    for (let i = 0; i < outline.rgba.length; i += 4) {
      const [r, g, b, a] = outline.rgba.subarray(i, i + 4);
      if (a! > 0) {
        visible += 1;
        expect([r, g, b]).toEqual([255, 255, 255]);
      }
    }
    expect(visible).toBeGreaterThan(50);
    expect(visible).toBeLessThan(32 * 32 - 100); // the background is transparent
  });
});

describe("packageTeamsApp", () => {
  it("zips exactly the manifest and the two icons at the root, reproducibly", () => {
    const first = packageTeamsApp({ appId: APP_ID, publisher: CITY, outFile: join(workDir, "a.zip") });
    const second = packageTeamsApp({ appId: APP_ID, publisher: CITY, outFile: join(workDir, "b.zip") });
    expect(readFileSync(first)).toEqual(readFileSync(second));

    const files = unzipSync(readFileSync(first));
    expect(Object.keys(files).sort()).toEqual([...PACKAGE_FILES].sort());
    const manifest = JSON.parse(Buffer.from(files["manifest.json"]!).toString("utf8"));
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(Buffer.from(files["color.png"]!)).toEqual(readFileSync(join(TEAMS_DIR, "color.png")));
  });
});

describe("the publisher's name and URLs", () => {
  it("fills the developer name and the three URLs into the manifest", () => {
    const manifest = manifestForApp(template, APP_ID, CITY);
    expect(manifest.developer).toEqual({
      name: "City of Springfield IT",
      websiteUrl: "https://it.springfield.gov/practice-guide",
      privacyUrl: "https://it.springfield.gov/privacy",
      termsOfUseUrl: "https://it.springfield.gov/terms",
    });
    expect(teamsManifestErrors(manifest)).toEqual([]);
    expect(placeholderPublisherFields(manifest)).toEqual([]);
  });

  it("refuses to package while any URL is still example.org, unless placeholders are allowed for a local test", () => {
    expect(placeholderPublisherFields(template)).toEqual(["websiteUrl", "privacyUrl", "termsOfUseUrl"]);
    const out = join(workDir, "placeholder.zip");
    expect(() => packageTeamsApp({ appId: APP_ID, outFile: out })).toThrowError(PlaceholderUrlError);
    expect(() => packageTeamsApp({ appId: APP_ID, publisher: { ...CITY, termsUrl: undefined }, outFile: out })).toThrowError(
      /termsOfUseUrl still point at example\.org; set --terms-url \/ TEAMS_TERMS_URL/,
    );
    expect(existsSync(out)).toBe(false);
    expect(packageTeamsApp({ appId: APP_ID, allowPlaceholderUrls: true, outFile: out })).toBe(out);
  });

  it("the command exits non-zero with one line while the URLs are placeholders, and takes them as flags", () => {
    const root = resolve(TEAMS_DIR, "../../../..");
    const script = join(root, "scripts/package-teams-app.ts");
    const tsx = pathToFileURL(join(root, "node_modules/tsx/dist/loader.mjs")).href; // cwd has no node_modules
    const env = { PATH: process.env.PATH, HOME: process.env.HOME };
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", tsx, script, "--app-id", APP_ID, "--out", join(workDir, "cli.zip"), ...args], {
        cwd: workDir, // no .env here
        env,
        encoding: "utf8",
      });
    const refused = run();
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    expect(refused.stderr).toMatch(/^Refusing to package: developer websiteUrl, privacyUrl, termsOfUseUrl still point at example\.org/);
    const flagged = run("--developer-name", CITY.developerName, "--website-url", CITY.websiteUrl, "--privacy-url", CITY.privacyUrl, "--terms-url", CITY.termsUrl);
    expect(flagged.stderr).toBe("");
    expect(flagged.status).toBe(0);
    const manifest = JSON.parse(Buffer.from(unzipSync(readFileSync(join(workDir, "cli.zip")))["manifest.json"]!).toString("utf8"));
    expect(manifest.developer.privacyUrl).toBe(CITY.privacyUrl);
    const allowed = run("--allow-placeholder-urls");
    expect(allowed.status).toBe(0);
    expect(allowed.stderr).toMatch(/^warning: --allow-placeholder-urls/);
    expect(run("--privacy-url", "not a url").stderr).toMatch(/TEAMS_PRIVACY_URL:/);
  }, 120_000); // four runs of the command: 22 s on a loaded 2-core machine
});
