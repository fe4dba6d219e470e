import { createHash } from 'node:crypto';
import { PREBUILT_YAML } from './prebuilt-yaml-table.js';

/**
 * The documents of a YAML text as the build parsed them, when the text is byte for byte a file the
 * build read (a built-in scenario's); undefined otherwise, and the caller parses it.
 */
export function prebuiltDocuments(text: string, table: Readonly<Record<string, string>> = PREBUILT_YAML): unknown[] | undefined {
  const key = createHash('sha256').update(text).digest('hex');
  return Object.hasOwn(table, key) ? (JSON.parse(table[key]) as unknown[]) : undefined;
}
