import { watch, type FSWatcher } from 'node:fs';

/** How long to wait after the last change before rebuilding: an editor's save is several events. */
export const DEBOUNCE_MS = 60;

/**
 * Files whose changes never matter: hidden files (Vim's `.x.md.swp`, Emacs's lock `.#x.md`, GNOME's
 * `.goutputstream-*`), and editors' backup, autosave and atomic-save files: `x.md~`, `#x.md#`
 * (Emacs), `4913` (Vim's probe), `x.md.tmp`, `x.md.bak`, `x.md.orig`, `x.md.crswap` (Chromium),
 * `x.md___jb_tmp___` and `___jb_old___` (JetBrains), `x.md.sb-*` (Sublime Text), `~$x.docx` (Office).
 */
export function isIgnored(relative: string): boolean {
  const parts = relative.split(/[\\/]/);
  const name = parts.at(-1) ?? '';
  return parts.some((p) => p.startsWith('.')) || EDITOR_FILE.test(name);
}

const EDITOR_FILE = /~$|^#.*#$|^~\$|^\d+$|\.(swp|swo|swx|tmp|bak|orig|crswap)$|___jb_(tmp|old)___$|\.sb-[0-9a-z]+-[0-9a-z]+$/i;

/**
 * Watches a folder and its subfolders (`fs.watch` with `recursive`, which Node 20 supports on
 * Linux, macOS and Windows) and calls `rebuild` at once with no paths, then with the paths that
 * changed, one call at a time: changes that arrive during a rebuild are gathered into the next
 * one. Resolves once `signal` is aborted and the last rebuild has finished; rejects, and stops
 * watching, when a rebuild throws.
 */
export function watchFolder(folder: string, rebuild: (changed: readonly string[]) => Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    // The first build is a rebuild of "nothing changed", started once the watcher is in place so
    // that no change made while it runs is missed.
    let pending = new Set<string>(['']);
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> | undefined;
    let watcher: FSWatcher;
    let stopped = false;

    const run = () => {
      timer = undefined;
      if (running || pending.size === 0 || stopped) return;
      const changed = [...pending].filter((name) => name !== '').sort();
      pending = new Set();
      running = rebuild(changed)
        .catch((error: unknown) => {
          stop();
          reject(error);
        })
        .finally(() => {
          running = undefined;
          if (pending.size > 0 && !stopped) schedule();
        });
    };
    const schedule = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    };
    const stop = () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      watcher?.close();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      stop();
      void (running ?? Promise.resolve()).then(() => resolve());
    };

    try {
      watcher = watch(folder, { recursive: true }, (_event, filename) => {
        const name = filename === null ? '' : filename.toString();
        if (name !== '' && isIgnored(name)) return;
        pending.add(name === '' ? '.' : name.split('\\').join('/'));
        if (!stopped) schedule();
      });
    } catch (error) {
      reject(error);
      return;
    }
    watcher.on('error', (error) => {
      stop();
      reject(error);
    });
    if (signal?.aborted) onAbort();
    else {
      signal?.addEventListener('abort', onAbort, { once: true });
      run();
    }
  });
}
