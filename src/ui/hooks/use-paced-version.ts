import { useEffect, useRef, useState } from 'react';

/**
 * A version that follows `version` at a pace set by how long the work it triggers takes:
 * work under a frame follows every change at once; costlier work (a hosts table of
 * thousands of traces) waits three times its cost after the last run, so that a busy
 * cluster cannot keep the screen from answering keys. Call `measure` around the work.
 */
export function usePacedVersion(version: number): { shown: number; measure: <T>(work: () => T) => T } {
  const [shown, setShown] = useState(version);
  const cost = useRef(0);
  const finished = useRef(0);
  const pending = useRef<NodeJS.Timeout | undefined>(undefined);
  const latest = useRef(version);
  latest.current = version;
  useEffect(() => {
    if (shown === version || pending.current) return;
    const wait = cost.current < 16 ? 0 : finished.current + 3 * cost.current - performance.now();
    if (wait <= 0) return setShown(version);
    // One timer at a time, never reset by later changes, so a steady stream of changes cannot starve it.
    pending.current = setTimeout(() => {
      pending.current = undefined;
      setShown(latest.current);
    }, wait);
  }, [version, shown]);
  useEffect(() => () => clearTimeout(pending.current), []);
  const measure = <T,>(work: () => T): T => {
    const start = performance.now();
    const out = work();
    finished.current = performance.now();
    cost.current = finished.current - start;
    return out;
  };
  return { shown, measure };
}
