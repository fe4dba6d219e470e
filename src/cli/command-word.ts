// Flags of any kdrill command that take a value: their value is never read as a subcommand.
const VALUE_FLAGS = new Set([
  '--kubeconfig', '--context', '--scenario', '--log-file', '--log-level', '--namespace', '-n', '--trace', '--log-tail', '--log-buffer',
  '--output', '-o', '--timeout', '--port', '--kubeconfig-out', '--speed', '--scale', '--pod-updates', '--address',
]);

/**
 * Finds the subcommand among the arguments as kubectl does with its global flags: the first word
 * that is neither a flag nor a flag's value, wherever flags stand. Gives its index, or -1.
 */
export function commandWordIndex(argv: string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return -1;
    if (!a.startsWith('-') || a === '-') return i;
    if (VALUE_FLAGS.has(a)) i++;
  }
  return -1;
}
