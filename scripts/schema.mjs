// Regenerates schema/analysis.schema.json (JSON Schema of `slant analyze --format json`) from the
// TypeScript type AnalysisResult, so the documented schema cannot drift from the code.
// Run after changing src/result.ts (or the types it uses): npm run schema
import { createGenerator } from 'ts-json-schema-generator';
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url).pathname;
const version = /SCHEMA_VERSION = '([^']+)'/.exec(readFileSync(root + 'src/result.ts', 'utf8'))[1];
const schema = createGenerator({ path: root + 'src/result.ts', tsconfig: root + 'tsconfig.json', type: 'AnalysisResult', skipTypeCheck: true }).createSchema('AnalysisResult');
const out = { $id: `https://slant.invalid/schema/analysis-${version}.json`, title: `slant analysis result, schema ${version}`, ...schema };
writeFileSync(root + 'schema/analysis.schema.json', JSON.stringify(out, null, 2) + '\n');
console.log(`schema/analysis.schema.json written for schema ${version}`);
