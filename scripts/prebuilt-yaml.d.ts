// Types of scripts/prebuilt-yaml.js, for the test that holds the table to js-yaml.

/** A YAML text's key in the table: its SHA-256. */
export function yamlKey(text: string): string;
/** Every YAML file in the scenario directories under `root`, by key: the JSON of its documents. */
export function prebuildYaml(root: string): Record<string, string>;
