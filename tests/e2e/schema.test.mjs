// The JSON Schema for the map file format: it compiles under Ajv's strict mode, the demo
// passes it, deliberately broken maps fail it at the right place, and it has not drifted
// from the Rust model (the known kinds, roles and keys in model.rs and parse.rs).
// Runs without a browser: `node --test tests/e2e/schema.test.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';

const root = new URL('../../', import.meta.url);
const readJson = (path) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));
const readText = (path) => readFileSync(new URL(path, root), 'utf8');

const schema = readJson('schema/partnership-map.schema.json');
const demo = readJson('demo/hampshire.json');
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(schema);

const show = (errors) => JSON.stringify(errors, null, 2);

/** Asserts that `map` fails the schema with an error at `path` (a JSON Pointer). */
function assertFailsAt(map, path) {
  const ok = validate(map);
  assert.equal(ok, false, `expected the map to fail the schema at ${path}`);
  const paths = validate.errors.map((e) => e.instancePath);
  assert.ok(
    paths.some((p) => p === path || p.startsWith(`${path}/`)),
    `expected an error at ${path}; got:\n${show(validate.errors)}`,
  );
}

/** A copy of the demo with one change made by `edit`. */
function broken(edit) {
  const map = structuredClone(demo);
  edit(map);
  return map;
}

test('the schema declares draft 2020-12 and compiles in strict mode', () => {
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.equal(typeof validate, 'function');
});

test('the demo map is valid', () => {
  const ok = validate(demo);
  assert.ok(ok, `demo/hampshire.json fails the schema:\n${show(validate.errors)}`);
});

test('smallest files and forward-compatible variants are valid', () => {
  for (const map of [
    { format: 'partnership-map', version: 1 },
    { $schema: './partnership-map.schema.json', format: 'partnership-map', version: 1, meta: {} },
    broken((m) => { m.bodies[0].kind = 'parish_meeting'; }), // unknown kinds load as "other"
    broken((m) => { m.bodies[0].covers = [{ area: m.areas[0].code }]; }), // share is optional
    broken((m) => { m.bodies[0].covers = [{ area: m.areas[0].code, share: 1 }]; }),
    broken((m) => { m.meta.sliver_tolerance = 0; }),
    broken((m) => { m.meta.load_threshold = 1; }),
    broken((m) => { m.agreements[0].kind = 'terms_of_reference'; }),
    broken((m) => { m.budgets[0] = { id: 'b', name: 'Only a name' }; }), // everything else is optional
    broken((m) => { m.budgets[0].amount = 0.5; }),
  ]) {
    assert.ok(validate(map), `expected a valid map; got:\n${show(validate.errors)}`);
  }
});

test('broken maps fail at the broken field', () => {
  const firstWithShare = demo.bodies.findIndex((b) => (b.covers ?? []).some((c) => typeof c === 'object'));
  assert.ok(firstWithShare >= 0, 'the demo should have a body covering part of an area');
  const coverIndex = demo.bodies[firstWithShare].covers.findIndex((c) => typeof c === 'object');
  const cases = [
    ['a share written as a percentage', `/bodies/${firstWithShare}/covers/${coverIndex}`,
      (m) => { m.bodies[firstWithShare].covers[coverIndex].share = 76.27; }],
    ['a share of 0', '/bodies/0/covers/0', (m) => { m.bodies[0].covers[0] = { area: m.areas[0].code, share: 0 }; }],
    ['a coverage object with a typo', '/bodies/0/covers/0', (m) => { m.bodies[0].covers[0] = { area: m.areas[0].code, shar: 0.5 }; }],
    ['an unknown link kind', '/links/0/kind', (m) => { m.links[0].kind = 'member'; }],
    ['a body without a name', '/bodies/0', (m) => { delete m.bodies[0].name; }],
    ['a body with a blank name', '/bodies/0/name', (m) => { m.bodies[0].name = '  '; }],
    ['a body without a kind', '/bodies/0', (m) => { delete m.bodies[0].kind; }],
    ['a British-style date', '/agreements/0/valid_to', (m) => { m.agreements[0].valid_to = '31/03/2011'; }],
    ['a month 13', '/bodies/0/valid_from', (m) => { m.bodies[0].valid_from = '2011-13-01'; }],
    ['an unknown top-level key', '', (m) => { m.bodys = m.bodies; }],
    ['an unknown body key', '/bodies/0', (m) => { m.bodies[0].nmae = 'x'; }],
    ['the wrong format', '/format', (m) => { m.format = 'partnership_map'; }],
    ['a newer version', '/version', (m) => { m.version = 2; }],
    ['an empty body id', '/bodies/0/id', (m) => { m.bodies[0].id = ''; }],
    ['an id of 201 characters', '/bodies/0/id', (m) => { m.bodies[0].id = 'x'.repeat(201); }],
    ['an id with a line break', '/bodies/0/id', (m) => { m.bodies[0].id = 'a\nb'; }],
    ['an unknown owner role', '/responsibilities/0/owners/0/role', (m) => { m.responsibilities[0].owners[0].role = 'leads'; }],
    ['a population that is not a whole number', '/areas/0/population', (m) => { m.areas[0].population = 1.5; }],
    ['a sliver tolerance of a half', '/meta/sliver_tolerance', (m) => { m.meta.sliver_tolerance = 0.5; }],
    ['elected written as text', '/bodies/0/elected', (m) => { m.bodies[0].elected = 'yes'; }],
    ['a tour step without text', '/tour/0', (m) => { delete m.tour[0].text; }],
    ['a target without a name', '/agreements/0/targets/0', (m) => { delete m.agreements[0].targets[0].name; }],
    ['an unknown partnership type', '/bodies/0/partnership_type', (m) => { m.bodies[0].partnership_type = 'advisry'; }],
    ['a load threshold of 0', '/meta/load_threshold', (m) => { m.meta.load_threshold = 0; }],
    ['a person without a name', '/people/0', (m) => { delete m.people[0].name; }],
    ['a person with a typo', '/people/0', (m) => { m.people[0].seat = []; }],
    ['a negative budget', '/budgets/0/amount', (m) => { m.budgets[0].amount = -1; }],
    ['an amount written as text', '/budgets/0/amount', (m) => { m.budgets[0].amount = '£12.5m'; }],
    ['a currency in words', '/budgets/0/currency', (m) => { m.budgets[0].currency = 'pounds'; }],
    ['a contribution without a body', '/budgets/0/contributions/0', (m) => { delete m.budgets[0].contributions[0].body; }],
    ['a negative contribution', '/budgets/0/contributions/0/amount', (m) => { m.budgets[0].contributions[0].amount = -5; }],
  ];
  for (const [what, path, edit] of cases) {
    const map = broken(edit);
    try {
      assertFailsAt(map, path);
    } catch (e) {
      e.message = `${what}: ${e.message}`;
      throw e;
    }
  }
});

test('every property has a title and a description', () => {
  const missing = [];
  const walk = (node, at) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}/${i}`));
    if (node === null || typeof node !== 'object') return;
    if (node.properties && typeof node.properties === 'object') {
      for (const [key, prop] of Object.entries(node.properties)) {
        if (!prop.title || !prop.description) missing.push(`${at}/properties/${key}`);
      }
    }
    for (const [key, child] of Object.entries(node)) walk(child, `${at}/${key}`);
  };
  walk(schema, '#');
  assert.deepEqual(missing, []);
});

// Drift checks against the Rust sources, so a new kind or field cannot be added to the
// model without the schema.

/** The body of the function that starts at `marker` (searched after `after`). */
function fnBody(src, after, marker) {
  const start = src.indexOf(marker, src.indexOf(after));
  assert.ok(start >= 0, `${marker} after ${after} not found`);
  const end = src.indexOf('\n    }\n', start);
  return src.slice(start, end);
}

const strings = (text) => [...text.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
const model = readText('crates/pmap-core/src/model.rs');
const parse = readText('crates/pmap-core/src/parse.rs');

test('known body kinds, link kinds and owner roles match model.rs', () => {
  const bodyKinds = strings(fnBody(model, 'impl BodyKind {', 'pub fn as_str'));
  const linkKinds = strings(fnBody(model, 'impl LinkKind {', 'pub fn as_str'));
  const ownerRoles = strings(fnBody(model, 'impl OwnerRole {', 'pub fn as_str'));
  assert.equal(bodyKinds.length, 28);
  assert.equal(linkKinds.length, 10);
  assert.equal(ownerRoles.length, 4);
  assert.deepEqual(schema.$defs.bodyKind.anyOf[0].enum, bodyKinds);
  assert.deepEqual(schema.$defs.linkKind.enum, linkKinds);
  assert.deepEqual(schema.$defs.ownerRole.enum, ownerRoles);
  const partnershipTypes = strings(fnBody(model, 'impl PartnershipType {', 'pub fn as_str'));
  assert.equal(partnershipTypes.length, 4);
  assert.deepEqual(schema.$defs.partnershipType.enum, partnershipTypes);
  const formalBlock = model.slice(model.indexOf('pub const FORMAL_AGREEMENT_KINDS'), model.indexOf('];', model.indexOf('pub const FORMAL_AGREEMENT_KINDS')));
  const formal = [...formalBlock.matchAll(/\("(\w+)", "[^"]*"\),/g)].map((m) => m[1]);
  assert.equal(formal.length, 4);
  for (const kind of formal) assert.ok(schema.$defs.agreement.properties.kind.examples.includes(kind), kind);
});

test('each record allows exactly the keys parse.rs knows', () => {
  const keys = Object.fromEntries(
    [...parse.matchAll(/const (\w+_KEYS): &\[&str\] = &\[([^\]]*)\];/g)].map((m) => [m[1], strings(m[2])]),
  );
  const d = schema.$defs;
  const records = {
    TOP_KEYS: schema,
    META_KEYS: d.meta,
    AREA_KEYS: d.area,
    BODY_KEYS: d.body,
    COVER_KEYS: d.coverage.oneOf[1],
    LINK_KEYS: d.link,
    RESP_KEYS: d.responsibility,
    OWNER_KEYS: d.owner,
    AGREEMENT_KEYS: d.agreement,
    TARGET_KEYS: d.target,
    TOUR_KEYS: d.tourStep,
    PERSON_KEYS: d.person,
    BUDGET_KEYS: d.budget,
    CONTRIBUTION_KEYS: d.contribution,
  };
  assert.deepEqual(Object.keys(keys).sort(), Object.keys(records).sort());
  for (const [name, record] of Object.entries(records)) {
    assert.deepEqual(Object.keys(record.properties).sort(), [...keys[name]].sort(), name);
    assert.equal(record.additionalProperties, false, name);
  }
});

test('required keys are the serde fields without a default', () => {
  const structs = {
    MapFile: schema,
    Meta: schema.$defs.meta,
    Area: schema.$defs.area,
    Body: schema.$defs.body,
    Link: schema.$defs.link,
    Responsibility: schema.$defs.responsibility,
    Owner: schema.$defs.owner,
    Agreement: schema.$defs.agreement,
    Target: schema.$defs.target,
    TourStep: schema.$defs.tourStep,
    Person: schema.$defs.person,
    Budget: schema.$defs.budget,
    Contribution: schema.$defs.contribution,
  };
  for (const [name, record] of Object.entries(structs)) {
    const match = model.match(new RegExp(`pub struct ${name} \\{\\n([\\s\\S]*?)\\n\\}`));
    assert.ok(match, `struct ${name} not found in model.rs`);
    const required = [];
    let defaulted = false;
    for (const line of match[1].split('\n').map((l) => l.trim())) {
      if (line.startsWith('#[serde(') && /\bdefault\b/.test(line)) defaulted = true;
      const field = line.match(/^pub (\w+):/);
      if (field) {
        if (!defaulted) required.push(field[1]);
        defaulted = false;
      }
    }
    assert.deepEqual([...(record.required ?? [])].sort(), required.sort(), name);
  }
});
