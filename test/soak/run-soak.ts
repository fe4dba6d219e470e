// `npm run soak`: thirty simulated minutes (three real minutes at ten times speed) of the
// soak session; prints the figures the README records and fails if memory or handles grew.
import { soak } from './soak-session.js';

const seconds = Number(process.env.KDRILL_SOAK_SECONDS ?? 180);
const r = await soak(seconds, 10);
console.log(JSON.stringify(r, null, 2));
const ok = r.rssEndMb <= r.rssStartMb * 1.1 && r.handlesEnd <= r.handlesStart + 4;
console.log(ok ? 'soak: flat' : 'soak: GREW');
process.exit(ok ? 0 : 1);
