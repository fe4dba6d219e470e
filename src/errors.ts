/** A mistake in how kdrill was invoked: printed as one line with a hint, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(message: string, readonly hint = "run 'kdrill --help' for usage") {
    super(message);
  }
}

/** A failure that is not the user's typing: printed as one line, exit status 1 (or the given code). */
export class CliError extends Error {
  override name = 'CliError';
  constructor(message: string, readonly exitCode = 1, readonly hint?: string) {
    super(message);
  }
}
