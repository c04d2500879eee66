// The `desktop` contract service: what the shell's integrations can do; headless has none.
import type { desktop, DesktopCapabilities } from '../../src-shared/contract/index.ts';
import type { ServiceImpl } from '../core/service.ts';
import { HEADLESS_CAPABILITIES } from './capabilities.ts';

export function createDesktopService(shell?: { capabilities(): DesktopCapabilities }): ServiceImpl<typeof desktop> {
  return { capabilities: () => shell?.capabilities() ?? HEADLESS_CAPABILITIES };
}
