import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

let flagDefaults: Record<string, string | boolean | string[]> = {};

/** Sets the defaults kdrill's config file gives flags (src/cli/config-file.ts); the command line wins. */
export function setFlagDefaults(defaults: Record<string, string | boolean | string[]>): void {
  flagDefaults = defaults;
}

/**
 * Parses a command's arguments strictly; unknown flags and missing values become UsageErrors.
 * A flag not given takes the config's default, where the command has that flag; `given` names
 * the flags the command line gave.
 */
export function parse<O extends Options>(command: string, args: string[], options: O, allowPositionals = false) {
  try {
    const parsed = parseArgs({ args, options, allowPositionals, strict: true });
    const given = new Set(Object.keys(parsed.values));
    const values = parsed.values as Record<string, unknown>;
    for (const [name, value] of Object.entries(flagDefaults)) {
      const option = Object.hasOwn(options, name) ? options[name] : undefined;
      if (!option || given.has(name)) continue;
      if (option.type === 'boolean') values[name] = value === true;
      else values[name] = option.multiple ? [value].flat().map(String) : [value].flat().map(String).join(',');
    }
    return { ...parsed, given };
  } catch (e) {
    const err = e as Error & { code?: string };
    const flag = /'([^']+)'/.exec(err.message)?.[1] ?? '';
    const where = command ? `kdrill ${command}` : 'kdrill';
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown flag ${flag.split(' ')[0]} for ${where}`, `run '${where} --help' for usage`);
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`flag ${flag.split(' ')[0].replace(/,.*/, '')} needs a value`, `run '${where} --help' for usage`);
    if (err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError(`unexpected argument ${flag} for ${where}`, `run '${where} --help' for usage`);
    throw new UsageError(err.message, `run '${where} --help' for usage`);
  }
}

/** Reads a numeric flag value, or throws a UsageError naming the flag. */
export function numberFlag(command: string, name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max}, not ${JSON.stringify(value)}`, `run 'kdrill ${command}${command ? ' ' : ''}--help' for usage`);
  return n;
}
