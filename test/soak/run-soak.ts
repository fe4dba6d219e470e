// `npm run soak`: four simulated hours of the soak session (on the manual clock, a minute or two of
// wall time); prints the samples the README records and fails if the heap, handles or sockets grew.
// Imported first: React's production build, as shipped.
import './production-mode.js';
import { soakFailures, soakSummary, soakTable } from './soak-figures.js';
import { soak } from './soak-session.js';

const minutes = Number(process.env.KDRILL_SOAK_MINUTES ?? 240);
const r = await soak(minutes);
console.log(soakTable(r));
console.log(`${r.simulatedMinutes} simulated minutes in ${r.wallSeconds} s; ${r.frames} frames; ${soakSummary(r)}`);
const failures = soakFailures(r);
console.log(failures.length ? `soak: GREW\n${failures.join('\n')}` : 'soak: flat');
process.exit(failures.length ? 1 : 0);
