import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { editableYaml, editHeader, hasLines, parseEdited, rejectionReason, stripComments, withResourceVersion, type EditReason } from '../model/edit/edit-text.js';
import type { KubeObject } from '../model/types.js';
import { ApiError } from './api-error.js';
import { collectionPath, resourceId, type ApiResource } from './discovery.js';
import type { KubeTransport } from './transport.js';

/** How an edit ended; `file` is kept (and named) whenever something typed would otherwise be lost. */
export type EditOutcome =
  | { result: 'updated'; object: KubeObject }
  | { result: 'unchanged' }
  | { result: 'cancelled'; message: string; file?: string };

/** Runs the editor on a file until it exits (the terminal handed over meanwhile); rejects when the editor fails. */
export type OpenEditor = (path: string) => Promise<void>;

/**
 * `kubectl edit`: the object as YAML (no managedFields, no status) in the editor; unchanged: nothing is
 * sent; else a PUT carrying the resourceVersion it was read at. A syntax error, a rejected update (422) or
 * a conflict (409) reopens the editor on what the user typed, the reason in a comment at the top; a conflict
 * also moves the file to the newer resourceVersion, so saving again replaces that version knowingly.
 */
export async function editObject(transport: KubeTransport, r: ApiResource, at: { namespace?: string; name: string }, openEditor: OpenEditor): Promise<EditOutcome> {
  const name = at.name;
  const path = `${collectionPath(r, r.namespaced ? at.namespace : undefined)}/${encodeURIComponent(name)}`;
  // As kubectl: the object as the server has it now, not as a cache last saw it.
  const original = await transport.json<KubeObject>({ method: 'GET', path });
  const dir = mkdtempSync(join(tmpdir(), 'kdrill-edit-'));
  const file = join(dir, `${r.resource}-${name}.yaml`);
  const keep = (message: string): EditOutcome => ({ result: 'cancelled', message, file });
  const done = <T extends EditOutcome>(o: T): T => (rmSync(dir, { recursive: true, force: true }), o);
  const originalText = editableYaml(original);
  let body = originalText;
  let reasons: EditReason[] = [];
  for (;;) {
    const shown = editHeader(reasons) + body;
    writeFileSync(file, shown, { mode: 0o600 });
    try {
      await openEditor(file);
    } catch (e) {
      return keep(`the editor failed: ${(e as Error).message}`);
    }
    const edited = readFileSync(file, 'utf8');
    // After an error, leaving the file as it was means giving up: what was typed stays in the file.
    if (reasons.length && stripComments(edited) === stripComments(shown)) return keep('Edit cancelled, no valid changes were saved.');
    if (!reasons.length && stripComments(edited) === stripComments(originalText)) return done({ result: 'unchanged' });
    if (!hasLines(edited)) return done({ result: 'cancelled', message: 'Edit cancelled, saved file was empty.' });
    body = stripComments(edited).replace(/^\n+/, '');
    const parsed = parseEdited(edited);
    if ('error' in parsed) {
      reasons = [parsed.error];
      continue;
    }
    try {
      const object = await transport.json<KubeObject>({ method: 'PUT', path, body: parsed.object });
      return done({ result: 'updated', object });
    } catch (e) {
      if (!(e instanceof ApiError) || (e.status !== 409 && e.status !== 422)) return keep(`error: ${resourceId(r)} "${name}" could not be updated: ${(e as Error).message}`);
      reasons = [rejectionReason(resourceId(r), name, e.status, e.message, e.causes)];
      if (e.status === 409) {
        const latest = await transport.json<KubeObject>({ method: 'GET', path }).catch(() => undefined);
        const rv = latest?.metadata?.resourceVersion;
        if (rv) {
          body = withResourceVersion(body, rv);
          reasons.push({ head: `The object changed while you edited it (now at resourceVersion ${rv}): saving again replaces that version with this file` });
        }
      }
    }
  }
}
