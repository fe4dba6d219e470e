import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  age,
  humanDuration,
  humanReadableDate,
  parseRfc3339,
  shortHumanDuration,
  timestampMs,
  translateTimestampSince,
} from '../../../src/model/format/duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

// Tables ported from apimachinery pkg/util/duration/duration_test.go.
test('humanDuration matches apimachinery TestHumanDuration', () => {
  const cases: [number, string][] = [
    [S, '1s'],
    [70 * S, '70s'],
    [190 * S, '3m10s'],
    [70 * M, '70m'],
    [47 * H, '47h'],
    [49 * H, '2d1h'],
    [(8 * 24 + 2) * H, '8d'],
    [367 * 24 * H, '367d'],
    [(365 * 2 * 24 + 25) * H, '2y1d'],
    [(365 * 8 * 24 + 2) * H, '8y'],
  ];
  for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, `${ms}ms`);
});

test('humanDuration matches apimachinery TestHumanDurationBoundaries', () => {
  const cases: [number, string][] = [
    [-2 * S, '<invalid>'],
    [-2 * S + 0.000001, '0s'],
    [0, '0s'],
    [S - 1, '0s'],
    [2 * M - 1, '119s'],
    [2 * M, '2m'],
    [2 * M + S, '2m1s'],
    [10 * M - 1, '9m59s'],
    [10 * M, '10m'],
    [10 * M + S, '10m'],
    [3 * H - 1, '179m'],
    [3 * H, '3h'],
    [3 * H + M, '3h1m'],
    [8 * H - 1, '7h59m'],
    [8 * H, '8h'],
    [8 * H + 59 * M, '8h'],
    [2 * D - 1, '47h'],
    [2 * D, '2d'],
    [2 * D + H, '2d1h'],
    [8 * D - 1, '7d23h'],
    [8 * D, '8d'],
    [8 * D + 23 * H, '8d'],
    [2 * Y - 1, '729d'],
    [2 * Y, '2y'],
    [2 * Y + 23 * H, '2y'],
    [2 * Y + 23 * H + 59 * M, '2y'],
    [2 * Y + D - 1, '2y'],
    [2 * Y + D, '2y1d'],
    [3 * Y, '3y'],
    [7 * Y, '7y'],
    [8 * Y - 1, '7y364d'],
    [8 * Y, '8y'],
    [8 * Y + 364 * D, '8y'],
    [9 * Y, '9y'],
  ];
  for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, `${ms}ms`);
});

test('shortHumanDuration matches apimachinery TestShortHumanDurationBoundaries', () => {
  const cases: [number, string][] = [
    [-2 * S, '<invalid>'],
    [-2 * S + 0.000001, '0s'],
    [0, '0s'],
    [S - 1, '0s'],
    [S, '1s'],
    [2 * S - 1, '1s'],
    [M - 1, '59s'],
    [M, '1m'],
    [2 * M - 1, '1m'],
    [H - 1, '59m'],
    [H, '1h'],
    [2 * H - 1, '1h'],
    [D - 1, '23h'],
    [D, '1d'],
    [2 * D - 1, '1d'],
    [Y - 1, '364d'],
    [Y, '1y'],
    [2 * Y - 1, '1y'],
    [2 * Y, '2y'],
  ];
  for (const [ms, want] of cases) assert.equal(shortHumanDuration(ms), want, `${ms}ms`);
});

test('non-finite durations are <invalid>', () => {
  assert.equal(humanDuration(Number.NaN), '<invalid>');
  assert.equal(shortHumanDuration(Number.POSITIVE_INFINITY), '<invalid>');
});

const NOW = Date.parse('2024-05-01T12:00:00Z');

test('age renders creation timestamps like kubectl AGE', () => {
  assert.equal(age('2024-05-01T11:55:00Z', NOW), '5m');
  assert.equal(age('2024-05-01T08:40:00Z', NOW), '3h20m');
  assert.equal(age('2024-04-29T09:00:00Z', NOW), '2d3h');
  assert.equal(age('2024-05-01T11:59:15Z', NOW), '45s');
  assert.equal(age('2024-05-01T12:00:01Z', NOW), '0s', 'clock skew of a second is tolerated');
  assert.equal(age('2024-05-01T12:00:05Z', NOW), '<invalid>', 'future timestamps are invalid');
});

test('age is <unknown> when the timestamp is missing, malformed or zero', () => {
  assert.equal(age(undefined, NOW), '<unknown>');
  assert.equal(age('', NOW), '<unknown>');
  assert.equal(age('yesterday', NOW), '<unknown>');
  assert.equal(age('2024-02-30T00:00:00Z', NOW), '<unknown>');
  assert.equal(age('0001-01-01T00:00:00Z', NOW), '<unknown>');
  assert.equal(translateTimestampSince(12345, NOW), '<unknown>');
  assert.equal(translateTimestampSince({}, NOW), '<unknown>');
});

test('parseRfc3339 handles offsets, fractions and MicroTime', () => {
  assert.equal(parseRfc3339('2024-05-01T14:00:00+02:00'), NOW);
  assert.equal(parseRfc3339('2024-05-01T11:30:00-00:30'), NOW);
  assert.equal(parseRfc3339('2024-05-01T12:00:00.250000Z'), NOW + 250);
  assert.equal(parseRfc3339('0001-01-01T00:00:00Z'), -62135596800000);
  assert.equal(parseRfc3339('2024-05-01 12:00:00Z'), undefined);
  assert.equal(parseRfc3339('2024-13-01T12:00:00Z'), undefined);
  assert.equal(timestampMs('0001-01-01T00:00:00Z'), undefined);
  assert.equal(timestampMs(null), undefined);
});

test('humanReadableDate follows the CRD table convertor', () => {
  assert.equal(humanReadableDate('2024-05-01T11:00:00Z', NOW), '60m');
  assert.equal(humanReadableDate('', NOW), '<unknown>');
  assert.equal(humanReadableDate('not a date', NOW), '<invalid>');
});
