// Reads what FFmpeg reports at `-loglevel verbose`: stream sizes in the Input/Output headers and the
// per-stream counters it prints when it finishes ("N frames decoded", "N frames encoded; N packets
// muxed"). This is FFmpeg's own accounting of the run, the side channel for the input pixel count.

export interface StreamSize {
  readonly width: number;
  readonly height: number;
}

export interface FfmpegRunStats {
  /** Size of the first video stream of input #0. */
  readonly input: StreamSize | null;
  readonly inputFramesDecoded: number | null;
  /** Per output file index: size of its video stream and its counters. */
  readonly outputs: ReadonlyMap<
    number,
    { size: StreamSize | null; framesEncoded: number | null; packetsMuxed: number | null }
  >;
}

const SIZE = /(?<![\w.])(\d{2,5})x(\d{2,5})(?![\w])/;

export function parseFfmpegStats(stderr: string): FfmpegRunStats {
  let input: StreamSize | null = null;
  let inputFramesDecoded: number | null = null;
  const outputs = new Map<
    number,
    { size: StreamSize | null; framesEncoded: number | null; packetsMuxed: number | null }
  >();
  const out = (i: number) => {
    let o = outputs.get(i);
    if (!o) outputs.set(i, (o = { size: null, framesEncoded: null, packetsMuxed: null }));
    return o;
  };
  let section: { kind: 'input' | 'output'; index: number } | null = null;
  for (const line of stderr.split(/\r?\n/)) {
    const head = /^(Input|Output) #(\d+),/.exec(line);
    if (head) {
      section = { kind: head[1] === 'Input' ? 'input' : 'output', index: Number(head[2]) };
      continue;
    }
    const stream = /^\s+Stream #(\d+):\d+\S*: Video: (.*)$/.exec(line);
    if (stream && section) {
      const m = SIZE.exec(stream[2] ?? '');
      const size = m ? { width: Number(m[1]), height: Number(m[2]) } : null;
      if (section.kind === 'input' && section.index === 0 && !input) input = size;
      if (section.kind === 'output' && out(section.index).size === null) out(section.index).size = size;
      continue;
    }
    const decoded = /^\s+Input stream #0:\d+ \(video\): \d+ packets read \(\d+ bytes\); (\d+) frames decoded/.exec(
      line,
    );
    if (decoded && inputFramesDecoded === null) {
      inputFramesDecoded = Number(decoded[1]);
      continue;
    }
    const encoded = /^\s+Output stream #(\d+):\d+ \(video\): (\d+) frames encoded; (\d+) packets muxed/.exec(line);
    if (encoded) {
      const o = out(Number(encoded[1]));
      o.framesEncoded = Number(encoded[2]);
      o.packetsMuxed = Number(encoded[3]);
    }
  }
  return { input, inputFramesDecoded, outputs };
}
