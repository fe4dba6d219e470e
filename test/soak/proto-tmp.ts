import './production-mode.js';
import { soak } from './soak-session.js';
import { soakTable, soakFailures } from './soak-figures.js';
const r = await soak(Number(process.argv[2] ?? 90), 5);
console.log(soakTable(r)); console.log(JSON.stringify({ ...r, samples: undefined })); console.log(soakFailures(r));
