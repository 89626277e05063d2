// Written by hand: no diff package is a dependency, and a line diff for drafts of a few hundred
// lines is a small, well-known algorithm (Myers, "An O(ND) Difference Algorithm", 1986).

/** One line of a line diff: kept, removed from the old text, or added in the new one. */
export interface LineEdit {
  readonly kind: 'equal' | 'delete' | 'insert';
  /** The line's text, without its line ending. */
  readonly text: string;
  /** Whether the line ends with a newline (only the last line of a text may not). */
  readonly newline: boolean;
  /** 0-based index in the old text (equal and delete), else the index of the next old line. */
  readonly oldIndex: number;
  /** 0-based index in the new text (equal and insert), else the index of the next new line. */
  readonly newIndex: number;
}

/** How `unifiedDiff` labels and colours its output. */
export interface UnifiedDiffOptions {
  /** The `---` header's label (the old text). */
  readonly oldLabel: string;
  /** The `+++` header's label (the new text). */
  readonly newLabel: string;
  /** Unchanged lines shown around each change; 3, as diff and git do. */
  readonly context?: number;
  /** ANSI colours: headers bold, hunk ranges cyan, removals red, additions green. */
  readonly color?: boolean;
}

interface Line {
  readonly text: string;
  readonly newline: boolean;
  /** What equality compares: a last line without a newline differs from the same line with one. */
  readonly key: string;
}

/** Splits a text into lines; a final line without `\n` is kept and marked. */
export function splitLines(text: string): Line[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const lastHasNewline = parts[parts.length - 1] === '';
  if (lastHasNewline) parts.pop();
  return parts.map((part, i) => {
    const newline = i < parts.length - 1 || lastHasNewline;
    return { text: part, newline, key: newline ? `${part}\n` : part };
  });
}

/**
 * The shortest edit script turning `oldText` into `newText`, line by line, as a sequence of kept,
 * removed and added lines in order (removals before additions where both are at one place).
 */
export function diffLines(oldText: string, newText: string): LineEdit[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  // Common head and tail cost nothing to find and keep the search below small.
  let head = 0;
  while (head < a.length && head < b.length && a[head]?.key === b[head]?.key) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail]?.key === b[b.length - 1 - tail]?.key) tail++;

  const kinds: { kind: LineEdit['kind']; line: Line }[] = [];
  for (let i = 0; i < head; i++) kinds.push({ kind: 'equal', line: a[i] as Line });
  for (const step of myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail))) {
    const line = step.kind === 'insert' ? b[step.newIndex + head] : a[step.oldIndex + head];
    kinds.push({ kind: step.kind, line: line as Line });
  }
  for (let k = tail; k > 0; k--) kinds.push({ kind: 'equal', line: a[a.length - k] as Line });
  slideChanges(kinds);

  let oldIndex = 0;
  let newIndex = 0;
  return kinds.map(({ kind, line }) => {
    const edit: LineEdit = { kind, text: line.text, newline: line.newline, oldIndex, newIndex };
    if (kind !== 'insert') oldIndex++;
    if (kind !== 'delete') newIndex++;
    return edit;
  });
}

/**
 * Among the equally short scripts, prefers the one a reader expects, as git does: a run of added
 * (or removed) lines that could equally stand a few lines higher or lower is moved next to another
 * change when it can be, else as far down as it goes. Swapping the kinds of two equal lines at the
 * ends of a run moves the run by one line and leaves both texts as they were.
 */
function slideChanges(edits: { kind: LineEdit['kind']; line: Line }[]): void {
  const same = (i: number, j: number) => edits[i]?.line.key === edits[j]?.line.key;
  const kindAt = (i: number) => edits[i]?.kind;
  const swap = (i: number, j: number) => {
    const x = edits[i] as { kind: LineEdit['kind'] };
    const y = edits[j] as { kind: LineEdit['kind'] };
    [x.kind, y.kind] = [y.kind, x.kind];
  };
  for (let s = 0; s < edits.length; ) {
    const kind = kindAt(s);
    if (kind === 'equal') {
      s++;
      continue;
    }
    let e = s;
    while (kindAt(e) === kind) e++;
    while (s > 0 && kindAt(s - 1) === 'equal' && same(s - 1, e - 1)) {
      swap(s - 1, e - 1);
      s--;
      e--;
    }
    const touches = () => (s > 0 && kindAt(s - 1) !== 'equal') || (e < edits.length && kindAt(e) !== 'equal');
    let best = touches() ? s : -1;
    while (e < edits.length && kindAt(e) === 'equal' && same(e, s)) {
      swap(s, e);
      s++;
      e++;
      if (touches()) best = s;
    }
    while (best >= 0 && s > best) {
      swap(s - 1, e - 1);
      s--;
      e--;
    }
    s = e;
  }
}

interface Step {
  readonly kind: LineEdit['kind'];
  readonly oldIndex: number;
  readonly newIndex: number;
}

/** Myers' greedy algorithm, keeping each round's furthest points to walk the path back. */
function myers(a: readonly Line[], b: readonly Line[]): Step[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = max === 0;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x]?.key === b[y]?.key) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }

  const steps: Step[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const before = trace[d] as Int32Array;
    const k = x - y;
    const down = k === -d || (k !== d && (before[offset + k - 1] ?? 0) < (before[offset + k + 1] ?? 0));
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : (before[offset + prevK] ?? 0);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      steps.push({ kind: 'equal', oldIndex: x, newIndex: y });
    }
    if (d > 0) {
      if (down) {
        y--;
        steps.push({ kind: 'insert', oldIndex: x, newIndex: y });
      } else {
        x--;
        steps.push({ kind: 'delete', oldIndex: x, newIndex: y });
      }
    }
  }
  return steps.reverse();
}

const ANSI = { bold: '\u001B[1m', cyan: '\u001B[36m', red: '\u001B[31m', green: '\u001B[32m', reset: '\u001B[0m' };

/**
 * A unified diff (`---`/`+++` headers, `@@ -a,b +c,d @@` hunks with `context` lines around each
 * change, as diff -u and git print them), or `''` when the texts are equal.
 */
export function unifiedDiff(oldText: string, newText: string, options: UnifiedDiffOptions): string {
  const context = options.context ?? 3;
  const paint = (code: string, text: string) => (options.color ? `${code}${text}${ANSI.reset}` : text);
  const edits = diffLines(oldText, newText);
  const changed = edits.map((e, i) => (e.kind === 'equal' ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return '';

  // Changes closer than twice the context share one hunk, so no context line is printed twice.
  const hunks: { start: number; end: number }[] = [];
  for (const i of changed) {
    const start = Math.max(0, i - context);
    const end = Math.min(edits.length, i + context + 1);
    const last = hunks[hunks.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else hunks.push({ start, end });
  }

  const out: string[] = [paint(ANSI.bold, `--- ${options.oldLabel}`), paint(ANSI.bold, `+++ ${options.newLabel}`)];
  for (const hunk of hunks) {
    const slice = edits.slice(hunk.start, hunk.end);
    const first = slice[0] as LineEdit;
    const oldCount = slice.filter((e) => e.kind !== 'insert').length;
    const newCount = slice.filter((e) => e.kind !== 'delete').length;
    out.push(paint(ANSI.cyan, `@@ -${range(first.oldIndex, oldCount)} +${range(first.newIndex, newCount)} @@`));
    for (const edit of slice) {
      const line =
        edit.kind === 'equal' ? ` ${edit.text}` : edit.kind === 'delete' ? paint(ANSI.red, `-${edit.text}`) : paint(ANSI.green, `+${edit.text}`);
      out.push(line);
      if (!edit.newline) out.push('\\ No newline at end of file');
    }
  }
  return `${out.join('\n')}\n`;
}

/** `start,count` as diff -u writes it: 1-based; an empty range names the line before it. */
function range(index: number, count: number): string {
  if (count === 0) return `${index},0`;
  return count === 1 ? `${index + 1}` : `${index + 1},${count}`;
}
