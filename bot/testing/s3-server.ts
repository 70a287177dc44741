// An S3-compatible server for tests, on a free loopback port: s3rver (an npm devDependency,
// pure JavaScript, files in a temporary folder), with one bucket, stopped after. s3rver 3.7
// lists "folders" wrong: with a delimiter it prunes the walk below each common prefix before
// seeing any key there, so `prefix/t.lance/` (whose keys are all one level deeper) is never
// reported and LanceDB's tableNames() comes back empty. listWithDelimiter() below lists
// without the delimiter and folds the keys into common prefixes, as S3 does. Tests use
// `describe.skipIf(!S3_SERVER_AVAILABLE)`; the skip names what is missing.
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

interface ListOptions {
  delimiter?: string;
  prefix?: string;
  startAfter?: string;
  maxKeys?: number;
}
interface ListResult {
  objects: { key: string }[];
  commonPrefixes: string[];
  isTruncated: boolean;
}
interface S3rverInstance {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
  store: { listObjects(bucket: string, options: ListOptions): Promise<ListResult> };
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

function loadS3rver(): S3rverClass | undefined {
  try {
    return createRequire(import.meta.url)("s3rver") as S3rverClass;
  } catch {
    return undefined;
  }
}

const S3rver = loadS3rver();
export const S3_SERVER_AVAILABLE = S3rver !== undefined;
export const S3_SERVER_MISSING = "the s3rver package is not installed (npm ci installs it as a devDependency); skipping the object-storage index tests";

/** The credentials s3rver accepts by default. */
export const S3_ACCESS_KEY = "S3RVER";
export const S3_SECRET_KEY = "S3RVER";

export interface S3Server {
  endpoint: string;
  bucket: string;
  /** Every key in the bucket under `prefix`, read from the server's own store. */
  keys(prefix?: string): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startS3Server(bucket = "practice-guide"): Promise<S3Server> {
  if (!S3rver) throw new Error(S3_SERVER_MISSING);
  const directory = mkdtempSync(path.join(tmpdir(), "s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const list = server.store.listObjects.bind(server.store);
  server.store.listObjects = (name, options) => listWithDelimiter(list, name, options);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    keys: async (prefix = "") => (await list(bucket, { prefix })).objects.map((o) => o.key),
    stop: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

async function listWithDelimiter(list: S3rverInstance["store"]["listObjects"], bucket: string, options: ListOptions): Promise<ListResult> {
  const { delimiter, maxKeys, ...rest } = options;
  if (!delimiter) return list(bucket, options);
  const prefix = options.prefix ?? "";
  const all = await list(bucket, rest);
  const commonPrefixes = new Set<string>();
  const objects: ListResult["objects"] = [];
  for (const object of all.objects) {
    const cut = object.key.slice(prefix.length).indexOf(delimiter);
    if (cut === -1) objects.push(object);
    else commonPrefixes.add(object.key.slice(0, prefix.length + cut + delimiter.length));
  }
  const limit = maxKeys ?? Infinity;
  return { objects: objects.slice(0, limit), commonPrefixes: [...commonPrefixes].sort(), isTruncated: all.isTruncated || objects.length > limit };
}
