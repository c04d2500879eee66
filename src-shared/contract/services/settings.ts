import { z } from 'zod';
import { method } from '../define.ts';

/** JSON-RPC endpoints the chain client accepts: http(s) or ws(s), nothing else. */
export const RpcUrl = z
  .string()
  .trim()
  .max(2048)
  .regex(/^(https?|wss?):\/\/[^\s/?#]+(?:[/?#]\S*)?$/i, 'Enter an http(s):// or ws(s):// RPC URL');

export const Network = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('devnet') }).strict(),
  z
    .object({
      kind: z.literal('arbitrum-one'),
      rpcUrl: RpcUrl,
      /** A backup endpoint (another provider) used while the first is rate-limited or down. */
      fallbackRpcUrl: RpcUrl.optional(),
    })
    .strict(),
]);
export type Network = z.infer<typeof Network>;

/** The devnet's size: "mainnet" seeds about 100 orchestrators and their delegators (testing at the real network's size). */
export const DevnetScale = z.enum(['small', 'mainnet']);
export type DevnetScale = z.infer<typeof DevnetScale>;

/** The network's own vocabulary: an orchestrator stakes and serves; a transcoder lends its GPU. */
export const Role = z.enum(['orchestrator', 'transcoder']);
export type Role = z.infer<typeof Role>;

/** Desktop notifications the user can opt in to, one switch per kind. */
export const NotificationKind = z.enum([
  'rewardFailed',
  'ticketRedeemed',
  'lowEth',
  'gpuHot',
  'nodeStopped',
  'updateAvailable',
  'proposalOpened',
]);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** One switch per kind; a kind added later defaults to off, so stored choices stay valid. */
export const NotificationPrefs = z
  .object(
    Object.fromEntries(NotificationKind.options.map((kind) => [kind, z.boolean().default(false)])) as Record<
      NotificationKind,
      z.ZodDefault<z.ZodBoolean>
    >,
  )
  .strict();

export const PauseWhileGaming = z
  .object({
    enabled: z.boolean(),
    /** Pause while someone uses the keyboard or mouse; resume after this many idle minutes. */
    whenUserActive: z.boolean(),
    resumeAfterIdleMinutes: z.number().int().min(1).max(240),
    /** Program names (e.g. "steam", "Cyberpunk2077.exe") whose running pauses the work. */
    programs: z.array(z.string().trim().min(1).max(120)).max(50),
    onBattery: z.boolean(),
  })
  .strict();
export type PauseWhileGaming = z.infer<typeof PauseWhileGaming>;

/** Desktop-app integration (tray, login item, notifications); the headless host ignores it. */
export const DesktopSettings = z
  .object({
    openAtLogin: z.boolean(),
    startMinimized: z.boolean(),
    notifications: NotificationPrefs,
    pauseWhileGaming: PauseWhileGaming,
  })
  .strict();
export type DesktopSettings = z.infer<typeof DesktopSettings>;

/** Epoch milliseconds until which the user paused the work, or null. */
export const PausedUntil = z.number().int().nonnegative().nullable();

/** Where the first-run guide is, so it resumes after a restart. */
export const OnboardingStep = z.enum([
  'role',
  'hardware',
  'wallet',
  'network',
  'funding',
  'stake',
  'connect',
  'finish',
]);
export type OnboardingStep = z.infer<typeof OnboardingStep>;
export const OnboardingProgress = z.object({ step: OnboardingStep, completed: z.boolean() }).strict();
export type OnboardingProgress = z.infer<typeof OnboardingProgress>;

/** The orchestrator's advertised terms that live off-chain (go-livepeer -pricePerUnit/-pixelsPerUnit, -serviceAddr). */
export const OrchestratorTerms = z
  .object({
    pricePerUnitWei: z.string().regex(/^\d{1,30}$/, 'A price in wei (a whole number)'),
    pixelsPerUnit: z.string().regex(/^[1-9]\d{0,15}$/, 'Pixels per unit (a whole number from 1)'),
    serviceUri: z.string().max(2048),
  })
  .strict();
export type OrchestratorTerms = z.infer<typeof OrchestratorTerms>;

/**
 * A transcoder's link to its orchestrator (go-livepeer -orchAddr). The -orchSecret is deliberately
 * not here: settings are echoed to every UI, and no output may carry a secret (the wallet's
 * no-key-material test); transcoder mode keeps it behind its own write-only method.
 */
export const TranscoderLink = z.object({ orchestratorAddr: z.string().max(512) }).strict();
export type TranscoderLink = z.infer<typeof TranscoderLink>;

/** An electricity price per kWh as the settings keep it (a decimal string, up to 6 decimals). */
export const KwhPrice = z.string().regex(/^\d{1,6}(\.\d{1,6})?$/, 'A price like 0.30');

/** Running costs for the net-profit view: electricity per kWh in the user's currency, as a decimal string. */
export const Costs = z
  .object({
    electricityPerKwh: KwhPrice,
    currency: z.string().trim().min(1).max(8),
    /** Highest gas price the reward service pays, in wei; null = no ceiling. */
    gasCeilingWei: z
      .string()
      .regex(/^\d{1,30}$/)
      .nullable(),
  })
  .strict();
export type Costs = z.infer<typeof Costs>;

export const Settings = z.object({
  network: Network,
  devnetScale: DevnetScale,
  role: Role,
  /** The user's on/off switch for the node's work (tray, UI); the node follows it. */
  transcodingEnabled: z.boolean(),
  pausedUntil: PausedUntil,
  desktop: DesktopSettings,
  onboarding: OnboardingProgress,
  orchestratorTerms: OrchestratorTerms,
  transcoderLink: TranscoderLink,
  costs: Costs,
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z
  .object({
    network: Network.optional(),
    devnetScale: DevnetScale.optional(),
    role: Role.optional(),
    transcodingEnabled: z.boolean().optional(),
    pausedUntil: PausedUntil.optional(),
    desktop: DesktopSettings.optional(),
    onboarding: OnboardingProgress.optional(),
    orchestratorTerms: OrchestratorTerms.optional(),
    transcoderLink: TranscoderLink.optional(),
    costs: Costs.optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'Nothing to change');
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const DEFAULT_DESKTOP_SETTINGS: DesktopSettings = {
  openAtLogin: false,
  startMinimized: false,
  // Opt-in: nothing pops up until the user asks for it.
  notifications: {
    rewardFailed: false,
    ticketRedeemed: false,
    lowEth: false,
    gpuHot: false,
    nodeStopped: false,
    updateAvailable: false,
    proposalOpened: false,
  },
  pauseWhileGaming: { enabled: false, whenUserActive: false, resumeAfterIdleMinutes: 5, programs: [], onBattery: true },
};

export const DEFAULT_SETTINGS: Settings = {
  network: { kind: 'devnet' },
  devnetScale: 'small',
  role: 'orchestrator',
  transcodingEnabled: false,
  pausedUntil: null,
  desktop: DEFAULT_DESKTOP_SETTINGS,
  onboarding: { step: 'role', completed: false },
  orchestratorTerms: { pricePerUnitWei: '1200', pixelsPerUnit: '1', serviceUri: '' },
  transcoderLink: { orchestratorAddr: '' },
  costs: { electricityPerKwh: '0.30', currency: 'EUR', gasCeilingWei: null },
};

export const settings = {
  get: method({ summary: 'The current settings.', input: z.object({}).strict(), output: Settings }),
  update: method({
    summary: 'Change some settings; returns all of them. Persisted before it answers.',
    input: SettingsPatch,
    output: Settings,
  }),
};
