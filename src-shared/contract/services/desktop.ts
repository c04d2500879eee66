import { z } from 'zod';
import { method } from '../define.ts';

export const Capability = z.object({
  supported: z.boolean(),
  /** Why not, in words for the user; null when supported. */
  reason: z.string().nullable(),
});
export type Capability = z.infer<typeof Capability>;

export const DesktopCapabilities = z.object({
  /** False in the headless host: none of the desktop features exist there. */
  available: z.boolean(),
  reason: z.string().nullable(),
  tray: Capability,
  startAtLogin: Capability,
  notifications: Capability,
  pauseWhileGaming: Capability,
  autoUpdate: Capability,
});
export type DesktopCapabilities = z.infer<typeof DesktopCapabilities>;

export const desktop = {
  capabilities: method({
    summary:
      'Which desktop integrations (tray, login item, notifications, pause while gaming, updates) work here, and why not.',
    input: z.object({}).strict(),
    output: DesktopCapabilities,
  }),
};
