import yaml from 'js-yaml';
import type { KubeObject } from '../types.js';

/** Why the editor opens again: a head line and its details (kubectl's editReason). */
export interface EditReason {
  head: string;
  other?: string[];
}

// kubectl edit's header, word for word (pkg/cmd/util/editor/editoptions.go, editHeader.writeTo).
const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

// A message of several lines stays one comment.
const hashOnLineBreak = (s: string) => s.replace(/\n(?!#)/g, '\n# ');

/** The comment block at the top of the file: kubectl's header, then each reason. */
export function editHeader(reasons: readonly EditReason[] = []): string {
  let out = HEADER;
  for (const r of reasons) {
    out += r.other?.length ? `# ${hashOnLineBreak(r.head)}:\n` : `# ${hashOnLineBreak(r.head)}\n`;
    for (const o of r.other ?? []) out += `# * ${hashOnLineBreak(o)}\n`;
    out += '#\n';
  }
  return out;
}

/**
 * The object as `kubectl edit` shows it: YAML without managedFields and status. A Secret's data
 * stays base64, as the API returns it: kdrill never decodes what goes to the editor.
 */
export function editableYaml(o: KubeObject): string {
  const { status: _status, ...rest } = o;
  const metadata = { ...(o.metadata ?? {}) };
  delete metadata.managedFields;
  return yaml.dump({ ...rest, metadata }, { lineWidth: -1, noRefs: true, sortKeys: false });
}

/** The text without comment lines (kubectl's StripComments): what is compared and sent. */
export function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('\n');
}

/** Whether anything but comments and blank lines is left (an empty file aborts the edit). */
export function hasLines(text: string): boolean {
  return text.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('#'));
}

/** Parses what the user saved: the object, or the syntax error kubectl reports. */
export function parseEdited(text: string): { object: KubeObject } | { error: EditReason } {
  try {
    const o = yaml.load(stripComments(text));
    if (!o || typeof o !== 'object' || Array.isArray(o)) return { error: { head: 'The edited file had a syntax error: the file must hold one object' } };
    return { object: o as KubeObject };
  } catch (e) {
    return { error: { head: `The edited file had a syntax error: ${(e as Error).message}` } };
  }
}

/** A rejected update's reason for the header: kubectl's "was not valid" with the server's causes, or its message. */
export function rejectionReason(resource: string, name: string, status: number | undefined, message: string, causes: readonly { field?: string; message?: string }[] = []): EditReason {
  if (status === 422) return { head: `${resource} "${name}" was not valid`, other: causes.length ? causes.map((c) => `${c.field ?? ''}: ${c.message ?? ''}`) : [message] };
  return { head: message };
}

/** Sets metadata.resourceVersion in the user's text (after a conflict: saving again replaces the newer version on purpose). */
export function withResourceVersion(text: string, resourceVersion: string): string {
  return text.replace(/^(  resourceVersion: ).*$/m, `$1${JSON.stringify(resourceVersion)}`);
}
