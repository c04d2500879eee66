// Session auth tokens (go-livepeer core/orchestrator.go AuthToken): an 8-hex-character session id,
// an expiry 30 minutes out, and HMAC-SHA256(secret, sessionId ‖ minimal big-endian expiry). Only
// the node that issued a token verifies it, so the secret never leaves the node.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { AuthTokenSchema, type AuthToken } from '../proto/generated/lp_rpc_pb.js';
import { bigToBytes, concatBytes } from '../payments/bytes.ts';

export const AUTH_TOKEN_VALID_SECONDS = 30 * 60;

export interface AuthTokens {
  issue(nowMs?: number): AuthToken;
  /** The token's MAC is ours (expiry not checked). */
  authentic(token: AuthToken): boolean;
}

export function createAuthTokens(secret: Uint8Array): AuthTokens {
  const mac = (sessionId: string, expiration: bigint): Uint8Array =>
    createHmac('sha256', secret)
      .update(concatBytes(new TextEncoder().encode(sessionId), bigToBytes(expiration < 0n ? -expiration : expiration)))
      .digest();
  return {
    issue(nowMs = Date.now()) {
      const sessionId = randomBytes(4).toString('hex');
      const expiration = BigInt(Math.floor(nowMs / 1000) + AUTH_TOKEN_VALID_SECONDS);
      return create(AuthTokenSchema, { token: mac(sessionId, expiration), sessionId, expiration });
    },
    authentic(token) {
      const expected = mac(token.sessionId, token.expiration);
      return token.token.length === expected.length && timingSafeEqual(token.token, expected);
    },
  };
}
