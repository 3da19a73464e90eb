// Seeded clustered partnership maps for the large-network tests and benchmarks.
//
//   node tests/e2e/gen-clustered.mjs BODIES LINKS [SEED] > map.json
//
// Bodies fall into clusters of about 25; 80% of links stay inside a cluster. Every body
// covers one real England district (areas are taken from demo/england.json, without
// boundaries), partnerships are one in five bodies, and every link is a `member_of` from a
// body to a partnership, so the file is valid (no cycles, no self-links, no duplicates).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = ['district_council', 'police_force', 'icb', 'fire_authority', 'probation',
  'jobcentre_plus', 'voluntary_community', 'business', 'education', 'housing', 'nhs_trust'];
export const PARTNERSHIPS = ['community_safety_partnership', 'health_and_wellbeing_board',
  'thematic_group', 'lsp', 'executive_board'];

export function clustered(nBodies, nLinks, seed = 1) {
  const here = fileURLToPath(new URL('../../demo/england.json', import.meta.url));
  const england = JSON.parse(readFileSync(here, 'utf8'));
  const areas = england.areas;
  const rnd = mulberry32(seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const clusterSize = 25;
  const nClusters = Math.max(1, Math.ceil(nBodies / clusterSize));
  const bodies = [];
  const partnershipsOf = Array.from({ length: nClusters }, () => []);
  for (let i = 0; i < nBodies; i++) {
    const c = i % nClusters;
    const area = areas[(c * 7) % areas.length];
    const isP = i % 5 === 0 || partnershipsOf[c].length === 0;
    const kind = isP ? pick(PARTNERSHIPS) : pick(KINDS);
    bodies.push({ id: `b${i}`, name: `${area.name} ${kind.replaceAll('_', ' ')} ${i}`, kind, covers: [area.code] });
    if (isP) partnershipsOf[c].push(i);
  }
  const seen = new Set();
  const links = [];
  let guard = 0;
  while (links.length < nLinks && guard++ < nLinks * 20) {
    const from = Math.floor(rnd() * nBodies);
    const fc = from % nClusters;
    const tc = rnd() < 0.8 ? fc : Math.floor(rnd() * nClusters);
    const to = pick(partnershipsOf[tc]);
    if (to === from) continue;
    const key = `${from}>${to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push({ from: `b${from}`, to: `b${to}`, kind: 'member_of' });
  }
  return {
    format: 'partnership-map', version: 1,
    meta: { title: `Generated: ${nBodies} bodies, ${links.length} links (seed ${seed})` },
    areas, bodies, links,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [n = '500', m = '1000', seed = '1'] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(clustered(Number(n), Number(m), Number(seed))));
}
