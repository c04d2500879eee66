// Capabilities bits, profile ids and the segment signing bytes against independent constructions
// (the values of go-livepeer's tables, ethers' solidityPacked), auth tokens and session queues.
import { create } from '@bufbuild/protobuf';
import { createHmac } from 'node:crypto';
import { hexlify, keccak256, randomBytes, solidityPacked, toUtf8Bytes } from 'ethers';
import { describe, expect, it } from 'vitest';
import {
  AuthTokenSchema,
  CapabilitiesSchema,
  SegDataSchema,
  VideoProfileSchema,
  type VideoProfile_Format,
} from '../proto/generated/lp_rpc_pb.js';
import { AUTH_TOKEN_VALID_SECONDS, createAuthTokens } from './auth-token.ts';
import {
  compatibleWith,
  DEFAULT_CAPABILITIES,
  orchestratorCapabilities,
  toBitstring,
  versionSatisfies,
} from './capabilities.ts';
import { profileId, ProfileError, segmentProfiles, segmentSigningBytes } from './profiles.ts';
import { createSessions, ORCHESTRATOR_BUSY, ORCHESTRATOR_CAPPED } from './sessions.ts';

describe('capabilities', () => {
  it('lays out bits as word c/64, bit c%64, giving go-livepeer’s default 0x4005FFF', () => {
    expect(toBitstring(DEFAULT_CAPABILITIES)).toEqual([0x4005fffn]);
    expect(toBitstring([0, 64, 129])).toEqual([1n, 1n, 2n]);
  });
  it('checks job bits, our mandatories and the minimum version', () => {
    const ours = orchestratorCapabilities('0.9.1');
    const job = (bits: number[], minVersion = '') =>
      create(CapabilitiesSchema, { bitstring: toBitstring(bits), constraints: { minVersion } });
    expect(compatibleWith(job([0, 1, 11, 12]), ours)).toBe(true);
    expect(compatibleWith(undefined, ours)).toBe(true);
    expect(compatibleWith(job([15]), ours)).toBe(false); // HEVC decode not offered
    expect(compatibleWith(job([0, 70]), ours)).toBe(false); // a second word we do not have
    expect(compatibleWith(job([0], '0.9.0'), ours)).toBe(true);
    expect(compatibleWith(job([0], '0.9.2'), ours)).toBe(false);
    expect(compatibleWith(job([0]), { ...ours, mandatories: [1n << 5n] })).toBe(false);
    expect(versionSatisfies('0.9.1-rc1', '0.9.1')).toBe(true);
    expect(versionSatisfies('0.9.1', '0.9.1-dev')).toBe(true);
    expect(versionSatisfies('0.8.0', '')).toBe(false);
    expect(versionSatisfies('garbage', '0.1.0')).toBe(true);
  });
});

describe('profiles and segment signing bytes', () => {
  it('has go-livepeer’s 4-byte profile ids', () => {
    const table: Record<string, string> = {
      P720p60fps16x9: 'a7ac137a',
      P720p30fps16x9: '49d54ea9',
      P360p30fps16x9: '93c717e7',
      P240p30fps16x9: 'c0a6517a',
      P144p30fps16x9: 'fca40bf9',
      P144p25fps16x9: '03f01d1f',
    };
    for (const [name, id] of Object.entries(table)) expect(hexlify(profileId(name)).slice(2)).toBe(id);
  });
  it('reads fullProfiles3, then 2, then 1, never the legacy field, and names unnamed profiles', () => {
    const p = (name: string) => create(VideoProfileSchema, { name, width: 640, height: 360, bitrate: 1_200_000 });
    const seg = create(SegDataSchema, {
      profiles: toUtf8Bytes('invalid'),
      fullProfiles: [p('a')],
      fullProfiles2: [p('b')],
      fullProfiles3: [p('c')],
    });
    expect(segmentProfiles(seg).map((x) => x.name)).toEqual(['c']);
    seg.fullProfiles3 = [];
    expect(segmentProfiles(seg).map((x) => x.name)).toEqual(['b']);
    seg.fullProfiles2 = [];
    expect(segmentProfiles(seg).map((x) => x.name)).toEqual(['a']);
    seg.fullProfiles = [p('')];
    expect(segmentProfiles(seg)[0]?.name).toBe('net_640x360_1200000');
    seg.fullProfiles = [create(VideoProfileSchema, { name: 'x', format: 7 as VideoProfile_Format })];
    expect(() => segmentProfiles(seg)).toThrow(ProfileError);
  });
  it('flattens manifestId ‖ uint256 seq ‖ hash ‖ hex ids as solidityPacked would', () => {
    const hash = randomBytes(32);
    const names = ['P240p30fps16x9', 'P360p30fps16x9'];
    const ours = segmentSigningBytes(toUtf8Bytes('manifest'), 7n, hash, names);
    const theirs = solidityPacked(
      ['string', 'uint256', 'bytes32', 'string'],
      ['manifest', 7n, hash, 'c0a6517a93c717e7'],
    );
    expect(hexlify(ours)).toBe(theirs);
  });
});

describe('auth tokens', () => {
  it('are HMAC-SHA256(secret, sessionId ‖ minimal big-endian expiry) and expire in 30 minutes', () => {
    const secret = randomBytes(32);
    const tokens = createAuthTokens(secret);
    const t = tokens.issue(1_700_000_000_000);
    expect(t.sessionId).toMatch(/^[0-9a-f]{8}$/);
    expect(t.expiration).toBe(1_700_000_000n + BigInt(AUTH_TOKEN_VALID_SECONDS));
    const expected = createHmac('sha256', secret)
      .update(Buffer.concat([Buffer.from(t.sessionId), Buffer.from(t.expiration.toString(16), 'hex')]))
      .digest();
    expect(Buffer.from(t.token).equals(expected)).toBe(true);
    expect(tokens.authentic(t)).toBe(true);
    expect(tokens.authentic(create(AuthTokenSchema, { ...t, expiration: t.expiration + 1n }))).toBe(false);
    expect(createAuthTokens(randomBytes(32)).authentic(t)).toBe(false);
    expect(keccak256(t.token)).not.toBe(keccak256(tokens.issue().token));
  });
});

describe('sessions', () => {
  it('caps new sessions, queues 1 + 4 segments per session, and ends idle ones', async () => {
    let max = 1;
    const sessions = createSessions({ maxSessions: () => max, idleMs: 50 });
    const ended: string[] = [];
    sessions.onEnd((id) => ended.push(id));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const running = Array.from({ length: 5 }, () => sessions.run('a', () => gate));
    await expect(sessions.run('a', async () => 1)).rejects.toThrow(ORCHESTRATOR_BUSY);
    expect(sessions.checkCapacity('a')).toBeNull();
    expect(sessions.checkCapacity('b')).toBe(ORCHESTRATOR_CAPPED);
    await expect(sessions.run('b', async () => 1)).rejects.toThrow(ORCHESTRATOR_CAPPED);
    release();
    await Promise.all(running);
    await new Promise((r) => setTimeout(r, 120));
    expect(ended).toEqual(['a']);
    expect(sessions.count()).toBe(0);
    sessions.setAccepting(false);
    max = 5;
    expect(sessions.checkCapacity('c')).toBe(ORCHESTRATOR_CAPPED);
    sessions.close();
  });
});
