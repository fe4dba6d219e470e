import { Text as InkText, type TextProps } from 'ink';
import { cloneElement, Fragment, isValidElement, type ReactNode } from 'react';
import { sanitize } from '../../model/sanitize.js';

/**
 * The one text primitive of the UI: Ink's Text with every string it is given passed through the
 * sanitiser, at the last step before the terminal. Cluster text is often sanitised earlier too
 * (cells, log lines), but nothing relies on that: a later transformation (JSON log lines,
 * wrapping, a header built from names) cannot bring an escape sequence to the screen.
 */
export function Text({ children, ...props }: TextProps) {
  return <InkText {...props}>{safeChildren(children)}</InkText>;
}

/** Children with each string (and number) sanitised; elements keep theirs, as they are Texts too. */
function safeChildren(children: ReactNode): ReactNode {
  // One row each: a newline or tab (a JSON log line's \n decoded, say) would move the cursor off
  // its row and draw over other lines, so they are shown, not obeyed.
  if (typeof children === 'string') return sanitize(children, true);
  if (typeof children === 'number' || typeof children === 'boolean' || children === null || children === undefined) return children;
  if (Array.isArray(children)) return children.map(safeChildren);
  // A fragment's strings are this Text's own.
  if (isValidElement<{ children?: ReactNode }>(children) && children.type === Fragment) return cloneElement(children, undefined, safeChildren(children.props.children));
  return children;
}
