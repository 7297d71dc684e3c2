import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { presentRegistryPasswords, sealPlainRegistryPasswords, sealRegistryPasswords } from '../kinds/registry-passwords.ts';
import { SECRET_KEY_FILE, createSecretBox, loadSecretBox } from './secret-box.ts';

describe('SecretBox', () => {
  it('seals with a fresh IV, opens only with the same key and unaltered text', () => {
    const box = createSecretBox(randomBytes(32));
    const a = box.seal('pw');
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(box.seal('pw')).not.toBe(a);
    expect(box.open(a)).toBe('pw');
    expect(() => createSecretBox(randomBytes(32)).open(a)).toThrow(expect.objectContaining({ code: 'DROVER_ERR_SECRET_UNREADABLE' }));
    const parts = a.split('.');
    parts[2] = Buffer.from('zz').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow(expect.objectContaining({ code: 'DROVER_ERR_SECRET_UNREADABLE' }));
    expect(() => box.open('plain')).toThrow(expect.objectContaining({ code: 'DROVER_ERR_SECRET_UNREADABLE' }));
  });

  it('creates its key file 0600 once and reuses it; refuses a file that holds no key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'drover-secret-box-'));
    try {
      const sealed = loadSecretBox(dir).seal('pw');
      expect((await stat(join(dir, SECRET_KEY_FILE))).mode & 0o777).toBe(0o600);
      const key = await readFile(join(dir, SECRET_KEY_FILE), 'utf8');
      expect(loadSecretBox(dir).open(sealed)).toBe('pw');
      expect(await readFile(join(dir, SECRET_KEY_FILE), 'utf8')).toBe(key);
      await writeFile(join(dir, SECRET_KEY_FILE), 'short\n');
      expect(() => loadSecretBox(dir)).toThrow(expect.objectContaining({ code: 'DROVER_ERR_SECRET_UNREADABLE' }));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('registry passwords', () => {
  const box = createSecretBox(randomBytes(32));
  const cluster = (...registries: Record<string, unknown>[]) => ({ spec: { privateRegistries: registries } });
  const regs = (o: { spec: { privateRegistries: Record<string, unknown>[] } }) => o.spec.privateRegistries;

  it('seals given passwords, keeps stored ones by url, removes on "", ignores client-sent sealed values and markers', () => {
    const prev = cluster({ url: 'a', password: 'pa' }, { url: 'b', password: 'pb' }, { url: 'c' });
    sealRegistryPasswords(prev, undefined, box);
    expect(regs(prev).map((r) => (typeof r.sealedPassword === 'string' ? box.open(r.sealedPassword) : undefined))).toEqual(['pa', 'pb', undefined]);
    expect(regs(prev).some((r) => 'password' in r)).toBe(false);

    const forged = createSecretBox(randomBytes(32)).seal('forged');
    const next = cluster({ url: 'b', passwordSet: true }, { url: 'a', password: '' }, { url: 'c', sealedPassword: forged }, { url: 'd', password: 'pd' });
    sealRegistryPasswords(next, prev, box);
    const [b, a, c, d] = regs(next);
    expect(box.open(b!.sealedPassword as string)).toBe('pb');
    expect(a).toEqual({ url: 'a' });
    expect(c).toEqual({ url: 'c' });
    expect(box.open(d!.sealedPassword as string)).toBe('pd');
    expect(regs(presentRegistryPasswords(next) as never)).toEqual([{ url: 'b', passwordSet: true }, { url: 'a' }, { url: 'c' }, { url: 'd', passwordSet: true }]);
    expect(regs(next)[0]!.sealedPassword).toBeDefined(); // present works on a copy
  });

  it('seals plain passwords an older server stored', () => {
    const old = cluster({ url: 'a', password: 'pa' }, { url: 'b' });
    expect(sealPlainRegistryPasswords(old, box)).toBe(true);
    expect(box.open(regs(old)[0]!.sealedPassword as string)).toBe('pa');
    expect(regs(old)[0]!.password).toBeUndefined();
    expect(sealPlainRegistryPasswords(old, box)).toBe(false);
  });
});
