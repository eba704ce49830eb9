import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { analyze } from './analyze.js';
import { SCHEMA_VERSION } from './result.js';

// The committed JSON Schema (npm run schema regenerates it from src/result.ts).
const schema = JSON.parse(readFileSync(new URL('../schema/analysis.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

test('the schema file belongs to the current schema version', () => {
  assert.match(String(schema.title), new RegExp(`schema ${SCHEMA_VERSION.replace(/\./g, '\\.')}$`));
});

test('analyze output validates against the committed JSON Schema', async () => {
  const article = readFileSync(new URL('./fixtures/partners.txt', import.meta.url), 'utf8');
  for (const input of [article, { text: article, date: '2023-03-14', title: 'T', url: 'https://example.test/a' }, 'Short text 😀 with 中国.']) {
    const r = await analyze(input);
    const ok = validate(JSON.parse(JSON.stringify(r)));
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 3)));
  }
});
