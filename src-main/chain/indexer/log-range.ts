// How wide an eth_getLogs block range the provider accepts, learnt from its refusals. Providers
// cap the range (QuickNode, Ankr, BlockPI), the number of logs (Infura 10,000, Alchemy 10K logs,
// Arbitrum's own nodes) or the response size; some name a range that would work. We start from a
// range per network, shrink on a refusal (to the suggested width when there is one, else halve)
// and grow back after a run of successes, never above the provider's last refusal.

/** A provider's refusal of a log query's range, with the width it suggests when it names one. */
export interface RangeRefusal {
  /** Blocks per query the provider says would work (inclusive count), when its message says. */
  suggested: number | null;
  /** 'range': a cap on blocks per query (kept); 'results': too many logs here (denser history). */
  kind: 'range' | 'results';
  message: string;
}

interface RpcErrorLike {
  code?: unknown;
  message?: unknown;
  shortMessage?: unknown;
  error?: { code?: unknown; message?: unknown; data?: unknown };
  info?: { error?: { code?: unknown; message?: unknown } };
}

const hexOrDec = (s: string | undefined = ''): number =>
  s.startsWith('0x') ? parseInt(s, 16) : Number(s.replace(/[,._]/g, ''));

/**
 * Messages seen from real providers (collected from their answers quoted in ethers, foundry and
 * ponder issues and docs), each with how to read the width it suggests:
 * - Alchemy: "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block
 *   range … Based on your parameters …, this block range should work: [0x0, 0xd043b8]"
 * - Infura: -32005 "query returned more than 10000 results. Try with this block range [0x…, 0x…]."
 * - Arbitrum (Nitro) nodes: "logs matched by query exceeds limit of 10000"
 * - QuickNode: "eth_getLogs is limited to a 10,000 range" (5 blocks on free plans)
 * - Ankr: -32600 "block range is too wide", "maximum [from, to] blocks distance: 3000"
 * - others: "query exceeds max block range 100000", "query exceeds max results 20000, retry with
 *   the range 23879634-23879696", "eth_getLogs range is too large, max is 1k blocks",
 *   "ranges over 10000 blocks are not supported", "is limited to 1024 block range",
 *   "block range too large", "Block range is too large", "response size should not greater than".
 */
const SUGGESTING: { pattern: RegExp; width: (m: RegExpExecArray) => number }[] = [
  // an explicit range [from, to] (Alchemy, Infura) or "retry with the range a-b"
  {
    pattern:
      /(?:block range should work|try with this block range)[^[]*\[\s*(0x[0-9a-f]+|\d+)\s*,\s*(0x[0-9a-f]+|\d+)\s*\]/i,
    width: (m) => hexOrDec(m[2]) - hexOrDec(m[1]) + 1,
  },
  { pattern: /retry with the range (\d+)-(\d+)/i, width: (m) => Number(m[2]) - Number(m[1]) + 1 },
  { pattern: /limited to (?:a )?([\d,.]+)(?: block)? range/i, width: (m) => hexOrDec(m[1]) },
  { pattern: /max(?:imum)? block range:? ([\d,.]+)/i, width: (m) => hexOrDec(m[1]) },
  { pattern: /blocks distance: (\d+)/i, width: (m) => Number(m[1]) },
  { pattern: /max is (\d+)(k?) blocks/i, width: (m) => Number(m[1]) * (m[2] ? 1000 : 1) },
  { pattern: /ranges over (\d+) blocks/i, width: (m) => Number(m[1]) },
  { pattern: /up to a (\d+)(k?) block range/i, width: (m) => Number(m[1]) * (m[2] ? 1000 : 1) },
];

const REFUSING =
  /block range|range is too (?:large|wide)|range too large|too many blocks|more than \d+ results|exceeds (?:the )?limit|exceeds max results|response size|response too large|query timeout|too many logs/i;
const RESULTS = /results|response size|logs matched|too many logs|response too large/i;
const RATE_LIMIT = /rate.?limit|too many requests|retry later|capacity|compute units/i;

function messagesOf(err: unknown): { text: string; codes: unknown[] } {
  const e = (err ?? {}) as RpcErrorLike;
  const parts = [e.error?.message, e.info?.error?.message, e.shortMessage, e.message].filter(
    (p): p is string => typeof p === 'string',
  );
  return { text: parts.join(' | '), codes: [e.error?.code, e.info?.error?.code, e.code] };
}

/** The provider's refusal of a log query's range or result size, or null for any other error. */
export function rangeRefusal(err: unknown): RangeRefusal | null {
  const { text, codes } = messagesOf(err);
  if (RATE_LIMIT.test(text) && !REFUSING.test(text)) return null; // the budget's business, not ours
  for (const { pattern, width } of SUGGESTING) {
    const m = pattern.exec(text);
    if (m) {
      const w = width(m);
      const suggested = Number.isFinite(w) && w >= 1 ? Math.floor(w) : null;
      return { suggested, kind: RESULTS.test(text) ? 'results' : 'range', message: text };
    }
  }
  // -32005 is "limit exceeded" in EIP-1474: Infura uses it for too many results
  if (REFUSING.test(text) || (codes.includes(-32005) && !RATE_LIMIT.test(text))) {
    return { suggested: null, kind: RESULTS.test(text) ? 'results' : 'range', message: text };
  }
  return null;
}

export interface AdaptiveRange {
  /** Blocks per query to try next. */
  current(): number;
  /** The query of `tried` blocks was refused: shrink. Returns the new width. */
  refused(tried: number, refusal: Pick<RangeRefusal, 'suggested' | 'kind'>): number;
  /** A query succeeded: after a few in a row, grow (not above a width the provider refused). */
  succeeded(): void;
}

export interface AdaptiveRangeOptions {
  initial: number;
  max: number;
  /** Successes in a row before doubling. */
  growAfter?: number;
}

export function createAdaptiveRange(options: AdaptiveRangeOptions): AdaptiveRange {
  let width = Math.max(1, Math.min(options.initial, options.max));
  /** The widest range that may pass: a stated cap, or one below the narrowest range-cap refusal. */
  let ceiling = options.max;
  /** The provider stated its cap: nothing to probe. */
  let stated = false;
  /** The last width that passed (0 before any). */
  let good = 0;
  let streak = 0;
  const growAfter = options.growAfter ?? 3;
  return {
    current: () => width,
    refused(tried, { suggested, kind }) {
      streak = 0;
      if (suggested !== null && suggested < tried) {
        width = Math.max(1, Math.min(suggested, ceiling));
        if (kind === 'range') [ceiling, stated] = [width, true];
        return width;
      }
      if (kind === 'range') {
        // An unnamed cap below `tried`: back to what passed (or half) and probe between later
        ceiling = Math.max(1, Math.min(ceiling, tried - 1));
        width = good > 0 && good < tried ? good : Math.max(1, Math.floor(tried / 2));
      } else {
        width = Math.max(1, Math.floor(tried / 2)); // too many logs here: denser history, not a cap
      }
      return width;
    },
    succeeded() {
      good = width;
      if (++streak < growAfter) return;
      streak = 0;
      if (stated || ceiling >= width * 2) {
        width = Math.min(ceiling, width * 2);
      } else if (ceiling - width >= Math.max(1, width / 16)) {
        width += Math.ceil((ceiling - width) / 2); // bisect towards an unnamed cap; stop within 6 %
      }
    },
  };
}
