/** Fills the `default`s of a structural OpenAPI schema into a custom resource, as the API server does on write. */
export function defaultFromSchema(schema: Record<string, any> | undefined, value: unknown): void {
  if (!schema || !value || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) defaultFromSchema(schema.items, item);
    return;
  }
  const obj = value as Record<string, unknown>;
  for (const [name, prop] of Object.entries((schema.properties ?? {}) as Record<string, any>)) {
    if (obj[name] === undefined && prop?.default !== undefined) obj[name] = structuredClone(prop.default);
    defaultFromSchema(prop, obj[name]);
  }
}

/** The schema a CRD gives one of its versions, if any. */
export function versionSchema(crd: Record<string, any> | undefined, version: string): Record<string, any> | undefined {
  const v = (crd?.spec?.versions ?? []).find((x: any) => x?.name === version);
  return v?.schema?.openAPIV3Schema;
}
