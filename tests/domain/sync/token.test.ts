import { describe, expect, test } from 'vitest';
import { constantTimeEqual, decodeB64url, encodeB64url, readTokenClaims, signToken, verifyToken } from '../../../src/domain/sync/token';

const SECRET = 'test-secret-0123456789abcdef';
const W = '0123456789abcdef0123456789abcdef';
const T0 = 1_800_000_000_000;

describe('relay tokens', () => {
  test('round trip: sign, verify, read claims', async () => {
    const token = await signToken(SECRET, { workspace: W, role: 'read-only', ttlSeconds: 3600, now: T0 });
    expect(token).toMatch(/^orc1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const check = await verifyToken(SECRET, token, T0 + 1000);
    expect(check).toMatchObject({ ok: true, claims: { workspace: W, role: 'read-only', issuedAt: T0, expiresAt: T0 + 3_600_000 } });
    expect(readTokenClaims(token)).toEqual(check.ok ? check.claims : null);
    // The payload is the documented JSON shape.
    const payload = JSON.parse(new TextDecoder().decode(decodeB64url(token.split('.')[1] as string)!));
    expect(payload).toMatchObject({ w: W, r: 'ro', iat: T0 / 1000, exp: T0 / 1000 + 3600 });
    expect(typeof payload.n).toBe('string');
  });

  test('two tokens with the same claims differ (nonce)', async () => {
    const a = await signToken(SECRET, { workspace: W, role: 'read-write', ttlSeconds: 60, now: T0 });
    const b = await signToken(SECRET, { workspace: W, role: 'read-write', ttlSeconds: 60, now: T0 });
    expect(a).not.toBe(b);
  });

  test('expired at exactly exp', async () => {
    const token = await signToken(SECRET, { workspace: W, role: 'read-write', ttlSeconds: 10, now: T0 });
    expect((await verifyToken(SECRET, token, T0 + 9_999)).ok).toBe(true);
    expect(await verifyToken(SECRET, token, T0 + 10_000)).toEqual({ ok: false, reason: 'expired' });
  });

  test('another secret, a swapped payload or a flipped MAC bit: bad-signature', async () => {
    const token = await signToken(SECRET, { workspace: W, role: 'read-only', ttlSeconds: 60, now: T0 });
    expect(await verifyToken('another-secret-0123456789', token, T0)).toEqual({ ok: false, reason: 'bad-signature' });
    const rw = await signToken('another-secret-0123456789', { workspace: W, role: 'read-write', ttlSeconds: 60, now: T0 });
    const forged = `orc1.${rw.split('.')[1]}.${token.split('.')[2]}`;
    expect(await verifyToken(SECRET, forged, T0)).toEqual({ ok: false, reason: 'bad-signature' });
    const mac = decodeB64url(token.split('.')[2] as string)!;
    mac[5] = (mac[5] as number) ^ 1;
    expect(await verifyToken(SECRET, `${token.split('.').slice(0, 2).join('.')}.${encodeB64url(mac)}`, T0)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  test('malformed tokens', async () => {
    for (const bad of ['', 'orc1', 'orc1.a', 'orc2.a.b', 'orc1.a.b.c', 'orc1.!!.b', 'orc1.a.b=', 'x'.repeat(5000)]) {
      expect(await verifyToken(SECRET, bad, T0), bad.slice(0, 20)).toEqual({ ok: false, reason: 'malformed' });
      expect(readTokenClaims(bad)).toBeNull();
    }
    expect(readTokenClaims('orc1.' + encodeB64url(new TextEncoder().encode('{"w":"nothex"}')) + '.AAAA')).toBeNull();
  });

  test('signing refuses bad input', async () => {
    await expect(signToken(SECRET, { workspace: 'W', role: 'read-only', ttlSeconds: 60 })).rejects.toThrow(RangeError);
    await expect(signToken(SECRET, { workspace: W, role: 'admin' as never, ttlSeconds: 60 })).rejects.toThrow(RangeError);
    await expect(signToken(SECRET, { workspace: W, role: 'read-only', ttlSeconds: 0 })).rejects.toThrow(RangeError);
    await expect(signToken('short', { workspace: W, role: 'read-only', ttlSeconds: 60 })).rejects.toThrow(RangeError);
  });

  test('constantTimeEqual', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
  });
});
