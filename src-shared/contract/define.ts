// The building blocks of the UI/main contract. A contract is plain data (names mapped to zod
// schemas), so both transports, the preload and the renderer's client are derived from it and
// can never disagree about what exists.
import type { z } from 'zod';
import type { Encoded } from './codecs.ts';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** Validates and normalises the caller's input before the service sees it. */
  readonly input: I;
  /**
   * The result. The service returns the decoded (domain) form; the router encodes it on the way
   * out, so fields a service did not declare never leave main and bigints become strings.
   */
  readonly output: O;
  /** One line for humans: what the method does. */
  readonly summary: string;
}

export type ServiceSpec = Readonly<Record<string, MethodSpec>>;
export type ContractSpec = Readonly<Record<string, ServiceSpec>>;
export type EventsSpec = Readonly<Record<string, z.ZodType>>;

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

/** What the renderer passes in (before defaults are applied). */
export type InputOf<M extends MethodSpec> = z.input<M['input']>;
/** What the service receives (after validation). */
export type ParsedInputOf<M extends MethodSpec> = z.output<M['input']>;
/** What the service returns (the domain form, before encoding). */
export type ResultOf<M extends MethodSpec> = z.output<M['output']>;
/** What the renderer receives (the wire form). */
export type OutputOf<M extends MethodSpec> = Encoded<z.output<M['output']>>;
