// Regenerates the protobuf TypeScript bindings of src-main/orchestrator/proto/lp_rpc.proto with buf and
// protoc-gen-es (both from the npm registry, run locally: no network). The output is JavaScript
// plus declarations, because the generated enums are not erasable TypeScript.
//   node scripts/gen-proto.ts [outDir]     (default: src-main/orchestrator/proto/generated)
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string): string => join(root, 'node_modules', '.bin', name);

export const PROTO_DIR = join(root, 'src-main', 'orchestrator', 'proto');
export const GEN_DIR = join(PROTO_DIR, 'generated');

export function generateProto(outDir: string): void {
  const template = {
    version: 'v2',
    plugins: [
      {
        local: bin('protoc-gen-es'),
        out: outDir,
        opt: ['target=js+dts', 'import_extension=js'],
      },
    ],
  };
  execFileSync(bin('buf'), ['generate', PROTO_DIR, '--template', JSON.stringify(template)], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  generateProto(resolve(process.argv[2] ?? GEN_DIR));
}
