// Memory alone at 30,000 pods (the `large` cluster): kdrill's RSS in its own process, in sync,
// idle (a second's samples over 30 s) and after KDRILL_CHURN_S seconds (default 60) of 1,000 pod
// updates a second. The same figures as `scale`'s memory rows, without its other parts; for work on
// memory: `npm run bench -- memory`. Node flags for kdrill's process go in KDRILL_NODE_FLAGS.
import { startBenchServer } from './harness.js';
import { kdrillMemory } from './scale-external.js';

const CHURN_S = Number(process.env.KDRILL_CHURN_S ?? 60);
const server = await startBenchServer('large', 1);
try {
  const m = await kdrillMemory(server, 10_000, 1000, CHURN_S);
  console.log(`memory at ${server.summary.pods} pods: in sync ${m.synced.rss} MB; 10 s later ${m.steady.rss} MB; idle median ${m.idle.median} MB (${m.idle.low}-${m.idle.high}) over 30 s; under 1,000 updates/s, over the last ${CHURN_S / 2} s of ${CHURN_S}: median ${m.churning.median} MB (${m.churning.low}-${m.churning.high}), at the end ${m.churned.rss} MB, peak ${m.churned.peak} MB`);
} finally {
  await server.stop();
}
