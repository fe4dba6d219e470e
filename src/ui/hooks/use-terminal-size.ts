import { useStdout } from 'ink';
import { useEffect, useRef, useState } from 'react';

// Erase the whole screen and go home.
const WIPE = '\u001b[2J\u001b[H';
// Ink redraws a resize in up to three throttled steps (layout, render, write: 2 ms each at our frame
// cap); the repaint comes once they are done.
const REPAINT_AFTER_MS = 30;

/**
 * The terminal's columns and rows, following resizes. After a resize the screen is wiped and
 * the frame drawn again: Ink erases its last frame by counting lines, and lines the terminal
 * wrapped or reflowed meanwhile (a frame drawn for the old width) would stay behind (issue 21 #10).
 */
export function useTerminalSize(): { width: number; height: number } {
  const { stdout, write } = useStdout();
  const read = () => ({ width: stdout.columns || 80, height: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Ink's own write: it clears its frame, writes this, and draws its latest frame again.
    const timer = setTimeout(() => write(WIPE), REPAINT_AFTER_MS);
    return () => clearTimeout(timer);
  }, [size.width, size.height]);
  return size;
}
