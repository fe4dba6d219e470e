import { useStdin, useStdout } from 'ink';
import { useEffect } from 'react';
import { registerScreen } from '../hand-over.js';

/** Registers the terminal Ink draws on as the one a hand-over (shell, attach, editor) suspends and restores. */
export function useHandOverScreen(): void {
  const { stdin } = useStdin();
  const { stdout, write } = useStdout();
  useEffect(() => {
    // Ink's write of nothing clears what log-update remembers and writes the whole last frame again.
    registerScreen({ stdin, stdout, repaint: () => write('') });
    return () => registerScreen(undefined);
  }, [stdin, stdout, write]);
}
