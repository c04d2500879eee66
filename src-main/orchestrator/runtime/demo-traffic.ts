// Demo traffic for the dashboard on the devnet: a dev account (funded by the faucet) becomes a
// gateway, keeps its TicketBroker deposit and reserve funded, and streams test segments to our own
// orchestrator every 2 s with real tickets while it is switched on.
import { Contract, Wallet } from 'ethers';
import { PROTOCOL_ABIS } from '../../chain/abi.ts';
import type { DemoTrafficStatus } from '../../../src-shared/contract/index.ts';
import type { Devnet } from '../../chain/devnet/devnet.ts';
import type { Logger } from '../../log/logger.ts';
import {
  createDemoBroadcaster,
  fundTicketBroker,
  generateSegments,
  summarize,
  type SegmentReport,
} from '../gateway/demo-broadcaster.ts';
import { keySigner } from '../payments/key-signer.ts';
import { DEVNET_PAYMENTS } from './devnet-payments.ts';
import type { DemoControl } from './orchestrator-service.ts';

/** The dev account the demo gateway uses (accounts 0-2 are the faucet and typical operators). */
const DEMO_ACCOUNT = 9;
const ETH = 10n ** 18n;
/** Topped up to 1 ETH when below 0.5 ETH: devnet tickets win often, and winners are paid from it. */
const DEPOSIT = ETH;
/**
 * The TicketBroker splits a reserve evenly over the pool's seats (claimableReserve), and a node
 * counts its unredeemed winners against its share (maxFloat). At mainnet scale (100 seats) 1 ETH
 * left each node 0.01 ETH, one winner's face value, and the node refused new ticket parameters
 * after the first win ("insufficient sender reserve"). Room for 30 winners a seat: the demo wins
 * about 8 times a minute, and the node's redemption window (a minute, redemption-window.ts) must
 * end by its clock, not because this sender's float runs short (which redeems early, in more and
 * smaller batches: more transactions and requests than a real sender causes).
 */
const RESERVE_PER_SEAT = 30n * (DEVNET_PAYMENTS.maxFaceValue ?? ETH / 100n);

export function createDemoTraffic(o: {
  devnet: () => Devnet | null;
  orchestratorUri: () => string | null;
  log: Logger;
  onStatus?: (s: DemoTrafficStatus) => void;
  intervalMs?: number;
  /** Whether the user's switch lets the node take work; off stops the demo (and lets the node drain). */
  accepting?: () => boolean;
}): DemoControl & { announce(): void; close(): Promise<void> } {
  const log = o.log.child('demo');
  let loop: Promise<void> | null = null;
  let stop = false;
  const reports: SegmentReport[] = [];
  let lastError: string | null = null;
  let lastSent = '';
  const emit = (): void => {
    const s = status();
    lastSent = JSON.stringify(s);
    o.onStatus?.(s);
  };
  const status = (): DemoTrafficStatus => {
    const s = summarize('', reports.slice(-50));
    return {
      available: o.devnet() !== null,
      running: loop !== null,
      segmentsSent: reports.length,
      segmentsFailed: reports.filter((r) => !r.ok).length,
      latencyP50Ms: s.latencyP50Ms,
      lastError,
    };
  };
  async function run(): Promise<void> {
    const devnet = o.devnet();
    const uri = o.orchestratorUri();
    if (!devnet || !uri) throw new Error('the devnet and a running orchestrator are needed');
    const account = devnet.accounts[DEMO_ACCOUNT] ?? devnet.accounts[devnet.accounts.length - 1];
    if (!account) throw new Error('no dev account');
    const wallet = new Wallet(account.privateKey, devnet.provider);
    await fund(wallet, devnet);
    const segments = await generateSegments(5);
    const b = createDemoBroadcaster(keySigner(wallet), uri, undefined, undefined, true);
    let seq = 0;
    try {
      while (!stop) {
        // The node was switched off (or drained): stop cleanly instead of failing every 2 s.
        if (!o.orchestratorUri()) {
          lastError = 'Your node stopped serving, so the demo traffic stopped.';
          break;
        }
        if (o.accepting && !o.accepting()) {
          lastError = 'Transcoding was switched off, so the demo traffic stopped.';
          break;
        }
        const r = await b.send(seq, segments[seq % segments.length] ?? new Uint8Array(), false);
        seq++;
        reports.push(r);
        if (reports.length > 1000) reports.shift();
        if (!r.ok) {
          lastError = r.error ?? 'failed';
          const failed = reports.filter((x) => !x.ok).length;
          if (failed === 1 || failed % 20 === 0)
            log.warn(`Demo segment ${seq - 1} failed (${failed} so far): ${lastError}`);
        }
        // Devnet tickets win often (devnet-payments.ts), and the pool may grow (a switch to mainnet
        // scale): keep the deposit and the reserve up for long demos.
        if (seq % 20 === 0) await fund(wallet, devnet).catch(() => undefined);
        emit();
        await new Promise((res) => setTimeout(res, o.intervalMs ?? 2000));
      }
    } finally {
      await b.endSession();
      b.close();
    }
  }
  async function fund(wallet: Wallet, devnet: Devnet): Promise<void> {
    const { TicketBroker, BondingManager } = devnet.contracts;
    const broker = new Contract(TicketBroker, PROTOCOL_ABIS.TicketBroker, wallet.provider);
    const bonding = new Contract(BondingManager, PROTOCOL_ABIS.BondingManager, wallet.provider);
    const [[sender, reserve], seats] = (await Promise.all([
      broker.getFunction('getSenderInfo')(wallet.address),
      bonding.getFunction('getTranscoderPoolMaxSize')(),
    ])) as [[{ deposit: bigint }, { fundsRemaining: bigint }], bigint];
    const deposit = sender.deposit < DEPOSIT / 2n ? DEPOSIT - sender.deposit : 0n;
    const wanted = seats * RESERVE_PER_SEAT;
    const toReserve = reserve.fundsRemaining < wanted ? wanted - reserve.fundsRemaining : 0n;
    if (deposit > 0n || toReserve > 0n) await fundTicketBroker(wallet, TicketBroker, deposit, toReserve);
  }
  return {
    status,
    /** Sends the status when it changed without the loop noticing (the devnet came up, the node started). */
    announce() {
      if (JSON.stringify(status()) !== lastSent) emit();
    },
    async setEnabled(enabled) {
      if (enabled && !loop && o.accepting && !o.accepting()) {
        lastError = 'Transcoding is off: turn it on to receive demo traffic.';
      } else if (enabled && !loop) {
        stop = false;
        lastError = null;
        loop = run()
          .catch((err) => {
            lastError = (err as Error).message;
            log.warn(`Demo traffic stopped: ${lastError}`);
          })
          .finally(() => {
            loop = null;
            emit();
          });
      } else if (!enabled && loop) {
        stop = true;
        await loop;
      }
      return status();
    },
    async close() {
      stop = true;
      await loop;
    },
  };
}
