import { Box } from 'ink';
import { Text } from './text.js';
import { allBindings, BINDINGS, type Scope } from '../keys/bindings.js';
import { accent, useTheme } from '../theme.js';

const TITLES: Record<Scope, string> = { global: 'Everywhere', table: 'Tables', detail: 'Detail pane', prompt: 'Prompts', dialog: 'Dialogs' };

/** The `?` screen, generated from the binding table. */
export function HelpScreen({ height, width, scroll = 0 }: { height: number; width: number; scroll?: number }) {
  const theme = useTheme();
  const lines: { text: string; title?: boolean }[] = [];
  // Keys that mean the same in several scopes are listed once, under the first.
  const seen = new Set<string>();
  for (const scope of ['global', 'table', 'detail', 'dialog'] as Scope[]) {
    const fresh = BINDINGS.filter((x) => x.scope === scope && !seen.has(x.command + x.keys.join() + (x.views ?? []).join()));
    if (!fresh.length) continue;
    lines.push({ text: scope === 'detail' ? `${TITLES[scope]} (and the moves above)` : TITLES[scope], title: true });
    for (const b of fresh) {
      seen.add(b.command + b.keys.join() + (b.views ?? []).join());
      const where = b.views ? ` [${b.views.join(', ')}]` : b.notIn ? ` [not ${b.notIn.join(', ')}]` : '';
      lines.push({ text: `  ${b.keys.join(', ').padEnd(16)} ${b.description}${where}` });
    }
  }
  // The user's k9s hotkeys and plugins, with the views a plugin applies in.
  const user = allBindings().filter((b) => b.user);
  if (user.length) lines.push({ text: 'k9s hotkeys and plugins', title: true });
  for (const b of user) lines.push({ text: `  ${b.keys.join(', ').padEnd(16)} ${b.description}${b.views ? ` [${b.views.join(', ')}]` : ''}` });
  lines.push({ text: 'Prompts', title: true }, { text: '  enter            run / keep the filter' }, { text: '  escape           cancel' }, { text: '  tab              complete a kind (command)' }, { text: '  up, down         command history' });
  const columns = width >= 150 ? 3 : width >= 100 ? 2 : 1;
  const per = Math.ceil(lines.length / columns);
  const rows = Math.max(1, height - 1);
  const top = Math.min(scroll, Math.max(0, per - rows));
  const more = per > rows;
  return (
    <Box flexDirection="column" height={height}>
      <Text bold color={accent(theme, 'cyan')}>{`Keys (escape or ? to close${more ? `; j/k scroll, ${top + 1}-${Math.min(per, top + rows)} of ${per}` : ''})`}</Text>
      <Box>
        {Array.from({ length: columns }, (_, c) => (
          <Box key={c} flexDirection="column" width={Math.floor(width / columns)}>
            {lines.slice(c * per, (c + 1) * per).slice(top, top + rows).map((l, i) => (
              <Text key={i} bold={l.title} wrap="truncate">
                {l.text}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
