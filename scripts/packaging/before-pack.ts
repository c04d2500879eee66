// electron-builder beforePack hook: stages anvil for the platform and architecture being packaged,
// so the extraResources entry in electron-builder.yml picks up the right one, and checks that
// ffmpeg-static's FFmpeg (unpacked from the asar) is there and built for that target.
import type { Configuration } from 'electron-builder';
import { reportStaging, stageBinaries, type BuilderOs } from './stage-binaries.ts';

type BeforePackContext = Parameters<Extract<Configuration['beforePack'], (context: never) => unknown>>[0];

const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

export default async function beforePack(context: BeforePackContext): Promise<void> {
  const os = context.packager.platform.buildConfigurationKey as BuilderOs;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const result = stageBinaries(context.packager.projectDir, { os, arch });
  reportStaging(result, process.env.LPM_REQUIRE_BUNDLED_BINARIES === '1');
}
