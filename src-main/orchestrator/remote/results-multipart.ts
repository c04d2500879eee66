// The body of POST /transcodeResults (go-livepeer server/ot_rpc.go sendTranscodeResult and
// (*lphttp).TranscodeResults): one MIME part per rendition in profile order, each with
// Content-Length, Content-Type (video/mp2t or video/mp4) and Pixels; or, on failure, the error
// text with Content-Type livepeer/transcoding-error. The layout follows Go's mime/multipart
// writer: part headers in sorted key order, CRLF line ends, a random 30-byte hex boundary.
import { randomBytes } from 'node:crypto';

/** Authorization header value, exact (go-livepeer protoVerLPT). */
export const TRANSCODER_AUTH = 'Livepeer-Transcoder-1.0';
export const TRANSCODING_ERROR_TYPE = 'livepeer/transcoding-error';

export interface ResultPart {
  readonly contentType: string;
  readonly data: Uint8Array;
  /** Encoded pixels of this rendition; absent on a perceptual-hash part. */
  readonly pixels?: bigint;
}

export function renditionContentType(format: 'mpegts' | 'mp4'): string {
  return format === 'mp4' ? 'video/mp4' : 'video/mp2t';
}

export function encodeResultParts(
  parts: readonly ResultPart[],
  boundary = randomBytes(30).toString('hex'),
): { contentType: string; body: Uint8Array } {
  const chunks: Buffer[] = [];
  parts.forEach((p, i) => {
    const headers: [string, string][] = [
      ['Content-Length', String(p.data.length)],
      ['Content-Type', p.contentType],
    ];
    if (p.pixels !== undefined) headers.push(['Pixels', p.pixels.toString()]);
    const head = headers.map(([k, v]) => `${k}: ${v}\r\n`).join('');
    chunks.push(Buffer.from(`${i === 0 ? '' : '\r\n'}--${boundary}\r\n${head}\r\n`, 'latin1'));
    chunks.push(Buffer.from(p.data.buffer, p.data.byteOffset, p.data.length));
  });
  chunks.push(Buffer.from(parts.length ? `\r\n--${boundary}--\r\n` : `--${boundary}--\r\n`, 'latin1'));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: new Uint8Array(Buffer.concat(chunks)) };
}

export class MultipartError extends Error {}

/** The boundary of a multipart/* Content-Type, null when it is not multipart (then 415). */
export function multipartBoundary(contentType: string): string | null {
  const [type, ...params] = contentType.split(';');
  if (!type?.trim().toLowerCase().startsWith('multipart/')) return null;
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    if (p.slice(0, eq).trim().toLowerCase() === 'boundary') {
      const v = p.slice(eq + 1).trim();
      return v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
    }
  }
  return null;
}

/** Parses a multipart body into its parts (headers lower-cased). Throws MultipartError. */
export function parseResultParts(
  body: Uint8Array,
  boundary: string,
): { headers: Record<string, string>; data: Uint8Array }[] {
  const buf = Buffer.from(body.buffer, body.byteOffset, body.length);
  const delim = Buffer.from(`--${boundary}`, 'latin1');
  const out: { headers: Record<string, string>; data: Uint8Array }[] = [];
  let pos = buf.indexOf(delim);
  if (pos < 0) throw new MultipartError('multipart: NextPart: EOF');
  for (;;) {
    pos += delim.length;
    if (buf.subarray(pos, pos + 2).toString('latin1') === '--') return out;
    // skip transport padding and the CRLF after the delimiter
    const lineEnd = buf.indexOf('\r\n', pos, 'latin1');
    if (lineEnd < 0) throw new MultipartError('multipart: truncated delimiter line');
    const headEnd = buf.indexOf('\r\n\r\n', lineEnd, 'latin1');
    let headers: Record<string, string> = {};
    let dataStart: number;
    if (buf.subarray(lineEnd, lineEnd + 4).toString('latin1') === '\r\n\r\n') {
      dataStart = lineEnd + 4;
    } else {
      if (headEnd < 0) throw new MultipartError('multipart: truncated part headers');
      headers = Object.fromEntries(
        buf
          .subarray(lineEnd + 2, headEnd)
          .toString('latin1')
          .split('\r\n')
          .map((l) => {
            const c = l.indexOf(':');
            if (c < 0) throw new MultipartError(`malformed MIME header line: ${l}`);
            return [l.slice(0, c).trim().toLowerCase(), l.slice(c + 1).trim()];
          }),
      );
      dataStart = headEnd + 4;
    }
    const next = buf.indexOf(Buffer.concat([Buffer.from('\r\n', 'latin1'), delim]), dataStart);
    if (next < 0) throw new MultipartError('multipart: NextPart: EOF');
    out.push({ headers, data: new Uint8Array(buf.subarray(dataStart, next)) });
    pos = next + 2;
  }
}
