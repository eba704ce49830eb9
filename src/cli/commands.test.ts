import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commands } from './commands.js';

test('every lazily listed command loads, with the name and summary its module gives', async () => {
  const names = new Set<string>();
  for (const entry of commands) {
    assert.ok(!names.has(entry.name), `"${entry.name}" listed twice`);
    names.add(entry.name);
    const c = await entry.load();
    assert.equal(c.name, entry.name);
    assert.equal(c.summary, entry.summary, `summary of "${entry.name}" differs from its module's`);
    assert.ok(c.usage.length > 0);
  }
});
