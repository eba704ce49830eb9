import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDate } from './dates.js';

test('dates as written: ISO, day month year, month day year; bad ones are null', () => {
  assert.equal(parseDate('2019-03-03'), '2019-03-03');
  assert.equal(parseDate('2019-03-03T10:00:00Z'), '2019-03-03');
  assert.equal(parseDate('3 March 2019'), '2019-03-03');
  assert.equal(parseDate('3rd of March 2019'), '2019-03-03');
  assert.equal(parseDate('March 3, 2019'), '2019-03-03');
  assert.equal(parseDate('Sunday, 3 Mar. 2019'), '2019-03-03');
  assert.equal(parseDate('31 February 2019'), null);
  assert.equal(parseDate('the day after'), null);
  assert.equal(parseDate('x'.repeat(100000)), null);
});
