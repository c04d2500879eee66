// Wire ↔ domain in one schema. On the wire (JSON over IPC and WebSocket) amounts, rounds, block
// numbers and ids are decimal strings; in the main process they are bigint. A schema built from
// these codecs decodes the wire form (`parse`/`decode`: what the router does to inputs) and
// encodes the domain form (`encode`: what the router does to results), so no side maps by hand.
// The renderer keeps the wire form: its types are `z.input` of these schemas.
import { z } from 'zod';

/** A whole decimal number on the wire (checked by `wire`), a bigint in the main process. */
export function bigintString(wire: z.ZodString): z.ZodCodec<z.ZodString, z.ZodBigInt> {
  return z.codec(wire, z.bigint(), { decode: (s) => BigInt(s), encode: (n) => n.toString() });
}

/**
 * The type `encode` yields for a decoded value built from these codecs (bigint → decimal string).
 * Unlike `z.input` it keeps defaulted fields required: a result always carries them.
 */
export type Encoded<T> = T extends bigint
  ? string
  : T extends readonly (infer U)[]
    ? Encoded<U>[]
    : T extends object
      ? { [K in keyof T]: Encoded<T[K]> }
      : T;

/**
 * The wire side of a codec-bearing schema: validates like the schema and returns the value in its
 * wire form (unknown keys dropped). For events, whose listeners (the renderer, desktop signals)
 * keep strings, while the emitter encodes its domain value with the same schema.
 */
export function wireOf<S extends z.ZodType>(schema: S): z.ZodType<z.input<S>, z.input<S>> {
  return z.unknown().transform((value, ctx) => {
    const decoded = schema.safeDecode(value as z.input<S>);
    if (!decoded.success) {
      for (const issue of decoded.error.issues)
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      return z.NEVER;
    }
    return schema.encode(decoded.data);
  }) as unknown as z.ZodType<z.input<S>, z.input<S>>;
}
