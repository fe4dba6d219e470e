// Prints the README's key table from the binding table and the recorded k9s keys:
//   node --import tsx scripts/readme-keys.ts > README-keys.md
import { keyTable } from '../test/helpers/key-table.js';

process.stdout.write(keyTable());
