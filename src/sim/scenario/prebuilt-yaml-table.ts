// Replaced in the bundles by the table scripts/prebuilt-yaml.js builds from fixtures/scenarios (see
// scripts/build.js); from source it is empty and every scenario file is parsed.

/** The built-in scenarios' YAML parsed at build time: the SHA-256 of a file's text to the JSON of its documents. */
export const PREBUILT_YAML: Readonly<Record<string, string>> = {};
