import { useEffect, useMemo, useRef, useState } from 'react';
import { newLines } from '../../model/view/pane-text.js';
import { MARK_MS } from './use-changed-cells.js';

/**
 * The lines of a pane that changed a moment ago, while it shows the same object: marked for
 * a couple of seconds when the object changes (a single timeout clears the mark; it never polls).
 */
export function useChangedLines(lines: readonly string[], objectKey: string): Set<number> {
  const previous = useRef<{ key: string; lines: readonly string[] }>({ key: '', lines: [] });
  const mark = useRef<{ at: number; lines: Set<number> }>({ at: 0, lines: new Set() });
  const [tick, setTick] = useState(0);
  useMemo(() => {
    // Another object (or the first look at one) has nothing to compare with.
    if (previous.current.key === objectKey && previous.current.lines !== lines) {
      const changed = newLines(previous.current.lines, lines);
      if (changed.size) mark.current = { at: Date.now(), lines: changed };
    } else if (previous.current.key !== objectKey) {
      mark.current = { at: 0, lines: new Set() };
    }
    previous.current = { key: objectKey, lines };
  }, [lines, objectKey]);
  const live = Date.now() - mark.current.at < MARK_MS;
  useEffect(() => {
    if (!live) return;
    const t = setTimeout(() => setTick((x) => x + 1), Math.max(10, mark.current.at + MARK_MS - Date.now()));
    return () => clearTimeout(t);
  }, [lines, tick, live]);
  return live ? mark.current.lines : EMPTY;
}

const EMPTY = new Set<number>();
