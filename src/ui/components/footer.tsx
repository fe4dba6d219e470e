import { Text } from './text.js';
import { sanitize } from '../../model/sanitize.js';
import { hintsFor, type Scope, type ViewName } from '../keys/bindings.js';
import { accent, useTheme } from '../theme.js';

/** Key hints of the focused view from the binding table (most useful first, as many as fit), or a flash message. */
export function Footer({ scopes, view, flash, width }: { scopes: Scope[]; view: ViewName; flash?: { text: string; level: 'info' | 'error' }; width: number }) {
  const theme = useTheme();
  if (flash) {
    return (
      <Text wrap="truncate" color={flash.level === 'error' ? accent(theme, 'red') : accent(theme, 'green')}>
        {sanitize(flash.text, true).slice(0, width)}
      </Text>
    );
  }
  return (
    <Text wrap="truncate" dimColor>
      {hintsFor(scopes, view, width).join('  ')}
    </Text>
  );
}
