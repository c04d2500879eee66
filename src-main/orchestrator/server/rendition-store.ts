// Renditions kept in memory for gateways to download (go-livepeer's in-memory driver serves them
// at /stream/{session}/{profile}/{seq}.ts): the last 12 segments per profile and session, dropped
// with the session.
export const RENDITIONS_KEPT_PER_PROFILE = 12;

export interface RenditionStore {
  /** Stores and returns the path under /stream/. */
  put(sessionId: string, profileName: string, seq: bigint, ext: string, data: Uint8Array): string;
  get(path: string): Uint8Array | undefined;
  endSession(sessionId: string): void;
}

export function createRenditionStore(): RenditionStore {
  const bySession = new Map<string, Map<string, string[]>>();
  const data = new Map<string, Uint8Array>();
  return {
    put(sessionId, profileName, seq, ext, bytes) {
      const path = `${sessionId}/${encodeURIComponent(profileName)}/${seq}${ext}`;
      let profiles = bySession.get(sessionId);
      if (!profiles) bySession.set(sessionId, (profiles = new Map()));
      let paths = profiles.get(profileName);
      if (!paths) profiles.set(profileName, (paths = []));
      if (!data.has(path)) paths.push(path);
      data.set(path, bytes);
      for (const old of paths.splice(0, Math.max(0, paths.length - RENDITIONS_KEPT_PER_PROFILE))) data.delete(old);
      return path;
    },
    get: (path) => data.get(path),
    endSession(sessionId) {
      for (const paths of bySession.get(sessionId)?.values() ?? []) for (const p of paths) data.delete(p);
      bySession.delete(sessionId);
    },
  };
}
