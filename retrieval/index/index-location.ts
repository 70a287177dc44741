// Where the index lives, checked before LanceDB sees it: a wrong LANCEDB_URI (a file, a
// folder under a file, an unwritable folder, a scheme LanceDB does not know) should read as
// one sentence naming the variable, not as a native error from deep inside the library.
import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import path from "node:path";

/** Object stores and LanceDB Cloud; anything else with `scheme://` is a typo. */
const REMOTE_SCHEMES = ["s3", "s3+ddb", "gs", "az", "db"] as const;

export class IndexLocationError extends Error {}

export type IndexLocation = { kind: "local"; folder: string } | { kind: "remote"; uri: string; scheme: string };

/** Classifies `uri` (a folder path, `file://` URL or object-store URI) or says what is wrong with it. */
export function indexLocation(uri: string): IndexLocation {
  const trimmed = uri.trim();
  if (trimmed === "") throw new IndexLocationError("LANCEDB_URI is empty: set it to a folder (default data/lancedb) or an s3://, gs://, az:// or db:// URI.");
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === undefined) return { kind: "local", folder: path.resolve(trimmed) };
  if (scheme === "file") return { kind: "local", folder: path.resolve(decodeURIComponent(new URL(trimmed).pathname)) };
  if ((REMOTE_SCHEMES as readonly string[]).includes(scheme)) return { kind: "remote", uri: trimmed, scheme };
  throw new IndexLocationError(
    `LANCEDB_URI=${trimmed}: unknown scheme "${scheme}://". Use a folder path, or one of ${REMOTE_SCHEMES.map((s) => `${s}://`).join(", ")}.`,
  );
}

/**
 * Checks a local index folder: it must be a folder (or not exist yet, under folders only),
 * and, for a writer, be creatable and writable. Remote locations are checked by LanceDB.
 */
export function checkIndexLocation(uri: string, options: { write: boolean }): IndexLocation {
  const location = indexLocation(uri);
  if (location.kind === "remote") return location;
  const { folder } = location;
  const stat = statOrNull(folder);
  if (stat && !stat.isDirectory()) throw new IndexLocationError(`LANCEDB_URI=${uri} is a file, not a folder: point it at a folder (it is created if missing).`);
  if (!stat) {
    for (let parent = path.dirname(folder); ; parent = path.dirname(parent)) {
      const parentStat = statOrNull(parent);
      if (parentStat && !parentStat.isDirectory())
        throw new IndexLocationError(`LANCEDB_URI=${uri} is under ${parent}, which is a file, not a folder.`);
      if (parentStat || parent === path.dirname(parent)) break;
    }
  }
  if (options.write) {
    try {
      mkdirSync(folder, { recursive: true });
      accessSync(folder, constants.W_OK);
    } catch (error) {
      throw new IndexLocationError(`LANCEDB_URI=${uri} is not writable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
    }
  }
  return location;
}

function statOrNull(p: string) {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}
