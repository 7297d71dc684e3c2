import { describe, expect, it } from 'vitest';
import { StoreErrorCode } from './errors.ts';
import { parseLabelSelector } from './label-selector.ts';

const labels = { env: 'prod', tier: 'web', 'drover.dev/cluster': 'c-1', empty: '' };

describe('parseLabelSelector', () => {
  it.each([
    ['', true],
    ['  ', true],
    ['env=prod', true],
    ['env==prod', true],
    ['env = prod , tier', true],
    ['env=dev', false],
    ['env!=dev', true],
    ['env!=prod', false],
    ['missing!=x', true],
    ['env in (dev,prod)', true],
    ['env in (dev)', false],
    ['missing in (x)', false],
    ['env notin (dev, qa)', true],
    ['env notin (prod)', false],
    ['missing notin (x)', true],
    ['env', true],
    ['missing', false],
    ['!missing', true],
    ['!env', false],
    ['drover.dev/cluster=c-1', true],
    ['empty=', true],
    ['empty', true],
    ['env=prod,!tier', false],
    ['env in (prod),tier notin (db),drover.dev/cluster', true],
  ])('%j matches: %s', (selector, expected) => {
    expect(parseLabelSelector(selector)(labels)).toBe(expected);
  });

  it('treats missing labels as empty', () => {
    expect(parseLabelSelector('a!=b')(undefined)).toBe(true);
    expect(parseLabelSelector('a')(undefined)).toBe(false);
  });

  it.each(['env in prod', 'env in (a', 'env=prod,', ',env', 'env=a=b', '!', 'env notin', 'bad key!=x', '-bad=x', 'env=bad/value', 'a in (x) b', `${'k'.repeat(64)}=v`, 'env<3'])(
    'rejects %j with INVALID',
    (selector) => {
      expect(() => parseLabelSelector(selector)).toThrow(expect.objectContaining({ code: StoreErrorCode.INVALID }));
    },
  );
});
