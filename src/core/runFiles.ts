// Where the results cache keeps its runs: a directory of small JSON files (one per run plus
// an index), behind a small interface so the store runs in plain Node against a temp
// directory, or in memory. Writes are atomic (a temp file in the same directory, then a
// rename), so a reader (another window, a crash) sees the old file or the new one, never a part.
import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';

export interface StoredFile {
  name: string;
  /** Changes whenever the file is replaced (size and modification time). */
  stamp: string;
}

export interface RunFiles {
  /** The `.json` files of the directory (none when it does not exist yet). */
  list(): Promise<StoredFile[]>;
  /** The file's text, undefined when it is missing. */
  read(name: string): Promise<string | undefined>;
  /** Replaces the file atomically; returns its new stamp. */
  write(name: string, text: string): Promise<string>;
  /** Deletes the file; a missing file is fine. */
  remove(name: string): Promise<void>;
  /** Calls `onChange` (not debounced) whenever something in the directory may have changed. */
  watch(onChange: () => void): { dispose(): void };
}

export const INDEX_FILE = 'index.json';
const RUN_FILE = /^run-[A-Za-z0-9_-]{1,80}\.json$/;

/**
 * The file of a run: a readable part of the ID plus a hash of all of it, so names are
 * unique (also on case-insensitive disks), short and safe on every OS (run IDs hold ':' and '#').
 */
export function runFileName(runId: string): string {
  const readable = runId.replace(/[^A-Za-z0-9-]+/g, '_').slice(0, 60);
  const hash = createHash('sha256').update(runId, 'utf8').digest('hex').slice(0, 16);
  return `run-${readable}-${hash}.json`;
}

/** Whether a name in the directory is a run file (anything else there is ignored, never logged). */
export function isRunFileName(name: string): boolean {
  return RUN_FILE.test(name);
}

/** The directory on disk, through node:fs/promises. */
export function nodeRunFiles(dir: string): RunFiles {
  const full = (name: string) => path.join(dir, name);
  const stampOf = (s: fs.Stats) => `${s.size}:${s.mtimeMs}`;
  return {
    async list() {
      let names: string[];
      try {
        names = await fsp.readdir(dir);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw e;
      }
      const found: StoredFile[] = [];
      for (const name of names.filter((n) => n.endsWith('.json'))) {
        // Gone between readdir and stat: another window removed it.
        const s = await fsp.stat(full(name)).catch(() => undefined);
        if (s?.isFile()) found.push({ name, stamp: stampOf(s) });
      }
      return found;
    },
    async read(name) {
      try {
        return await fsp.readFile(full(name), 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
    async write(name, text) {
      await fsp.mkdir(dir, { recursive: true });
      const temp = full(`.${name}.${randomUUID()}.tmp`);
      try {
        await fsp.writeFile(temp, text, 'utf8');
        await fsp.rename(temp, full(name));
      } catch (e) {
        await fsp.rm(temp, { force: true }).catch(() => undefined);
        throw e;
      }
      return stampOf(await fsp.stat(full(name)));
    },
    async remove(name) {
      await fsp.rm(full(name), { force: true });
    },
    watch(onChange) {
      // fs.watch needs the directory; it works for any local path, also outside the workspace
      // (the extension host runs where globalStorageUri is, in remote windows too).
      let watcher: fs.FSWatcher | undefined;
      try {
        fs.mkdirSync(dir, { recursive: true });
        watcher = fs.watch(dir, { persistent: false }, () => onChange());
        watcher.on('error', () => undefined);
      } catch {
        watcher = undefined;
      }
      return { dispose: () => watcher?.close() };
    },
  };
}

/** Files in memory (tests; a store without a directory). Stores sharing one see each other's writes. */
export function memoryRunFiles(): RunFiles {
  const files = new Map<string, StoredFile & { text: string }>();
  const listeners = new Set<() => void>();
  let version = 0;
  const changed = () => [...listeners].forEach((l) => l());
  return {
    list: async () => [...files.values()].map(({ name, stamp }) => ({ name, stamp })),
    read: async (name) => files.get(name)?.text,
    async write(name, text) {
      const stamp = String(++version);
      files.set(name, { name, stamp, text });
      changed();
      return stamp;
    },
    async remove(name) {
      if (files.delete(name)) changed();
    },
    watch(onChange) {
      listeners.add(onChange);
      return { dispose: () => listeners.delete(onChange) };
    },
  };
}
