import { describe, expect, it } from 'vitest';
import { helpText, parseConfig } from './config.ts';

const configOf = (env: Record<string, string>, argv: string[] = []) => {
  const parsed = parseConfig(env, argv);
  if (parsed.help) throw new Error('help');
  return parsed.config;
};

describe('database selection', () => {
  it('defaults to SQLite in the data directory', () => {
    const c = configOf({});
    expect(c.databaseUrl).toBeUndefined();
    expect(c.databaseSchema).toBe('public');
  });

  it('takes a postgres:// URL from DROVER_DATABASE_URL or --database-url (the flag wins)', () => {
    expect(configOf({ DROVER_DATABASE_URL: 'postgres://u:p@db:5432/drover' }).databaseUrl).toBe('postgres://u:p@db:5432/drover');
    expect(configOf({ DROVER_DATABASE_URL: 'postgres://a/x' }, ['--database-url', 'postgresql://b/y']).databaseUrl).toBe('postgresql://b/y');
    expect(configOf({}, ['--database-url=postgres://c:5432/z?sslmode=require']).databaseUrl).toBe('postgres://c:5432/z?sslmode=require');
    expect(configOf({ DROVER_DATABASE_SCHEMA: 'drover_prod' }).databaseSchema).toBe('drover_prod');
  });

  it('sizes the PostgreSQL pool from DROVER_DATABASE_POOL_SIZE (default 10), refusing a size out of range', () => {
    expect(configOf({}).databasePoolSize).toBe(10);
    expect(configOf({ DROVER_DATABASE_POOL_SIZE: '40' }).databasePoolSize).toBe(40);
    for (const bad of ['0', '501', 'many']) expect(() => configOf({ DROVER_DATABASE_POOL_SIZE: bad })).toThrow(/DROVER_DATABASE_POOL_SIZE/);
  });

  it('rejects anything else without echoing the URL (it may carry a password)', () => {
    for (const bad of ['mysql://u:secret-pw@db/x', 'sqlite:///tmp/x', 'postgres://', 'secret-pw']) {
      expect(() => configOf({ DROVER_DATABASE_URL: bad })).toThrow(/DROVER_DATABASE_URL \(--database-url\): must be a postgres:\/\/ URL/);
      try {
        configOf({ DROVER_DATABASE_URL: bad });
      } catch (err) {
        expect((err as Error).message).not.toContain('secret-pw');
      }
    }
    expect(() => configOf({}, ['--database-url'])).toThrow(/--database-url needs a value/);
    expect(() => configOf({}, ['--data-dir', 'x'])).toThrow(/unknown argument --data-dir/);
    expect(() => configOf({ DROVER_DATABASE_SCHEMA: 'Bad-Name' })).toThrow(/DROVER_DATABASE_SCHEMA/);
  });

  it('documents both in --help', () => {
    expect(helpText()).toContain('[--database-url URL]');
    expect(helpText()).toMatch(/DROVER_DATABASE_URL\s+run on PostgreSQL/);
    expect(helpText()).toContain('DROVER_DATABASE_SCHEMA');
  });
});

describe('heap compaction', () => {
  it('compacts at most every 10 minutes by default; DROVER_HEAP_COMPACTION_INTERVAL_MS changes it, 0 turns it off', () => {
    expect(configOf({}).heapCompactionIntervalMs).toBe(600_000);
    expect(configOf({ DROVER_HEAP_COMPACTION_INTERVAL_MS: '0' }).heapCompactionIntervalMs).toBe(0);
    expect(configOf({ DROVER_HEAP_COMPACTION_INTERVAL_MS: '3600000' }).heapCompactionIntervalMs).toBe(3_600_000);
    for (const bad of ['-1', 'often']) expect(() => configOf({ DROVER_HEAP_COMPACTION_INTERVAL_MS: bad })).toThrow(/DROVER_HEAP_COMPACTION_INTERVAL_MS/);
    expect(helpText()).toMatch(/DROVER_HEAP_COMPACTION_INTERVAL_MS\s+least time between two compactions .*\(default 600000\)/);
  });
});
