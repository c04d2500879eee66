// The main loop must keep running while a keystore is encrypted or decrypted at the standard
// strength (scrypt N=262144, ~1-2 s of CPU): the work happens in a worker thread. Measured as the
// worst gap between ticks of a 5 ms interval; it must stay under 50 ms. The build machine's two
// cores are shared with other builds, so the gap is split into what this process caused and what
// the OS scheduler did (Linux schedstat), with an idle process as a concurrent control. Also
// prints the timings.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { encryptKeystoreJson } from 'ethers';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCode, type AppError } from '../../src-shared/contract/index.ts';
import { STANDARD_SCRYPT_N } from './keystore-jobs.ts';
import { makeTestWallet } from './test-support.ts';

const PASSWORD = 'responsive password';

interface LoopReport {
  /** Longest wall-clock gap between two ticks of a 5 ms interval. */
  readonly worstGap: number;
  /** Longest time the event loop was busy (running callbacks) within one gap. */
  readonly worstBusy: number;
  /**
   * Longest gap minus the time the OS kept this thread waiting for a CPU in it (Linux schedstat):
   * the stall this process caused itself, whatever else runs on the machine. Null elsewhere.
   */
  readonly worstOwnStall: number | null;
}

/** This thread's on-CPU and run-queue wait times in ms, from /proc/thread-self/schedstat (Linux). */
function threadSchedstat(): { onCpu: number; waiting: number } | null {
  try {
    const [onCpu = 0, waiting = 0] = readFileSync('/proc/thread-self/schedstat', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    return { onCpu: onCpu / 1e6, waiting: waiting / 1e6 };
  } catch {
    return null;
  }
}

/**
 * Watches the main loop. A gap can come from this process blocking the loop, or from the OS running
 * other processes on the two shared cores while the loop waits for a CPU: the two are told apart.
 */
function watchLoop(): { stop(): LoopReport } {
  let last = performance.now();
  let lastElu = performance.eventLoopUtilization();
  let lastSched = threadSchedstat();
  let worstGap = 0;
  let worstBusy = 0;
  let worstOwnStall: number | null = lastSched ? 0 : null;
  const sample = (): void => {
    const t = performance.now();
    const gap = t - last;
    worstGap = Math.max(worstGap, gap);
    worstBusy = Math.max(worstBusy, performance.eventLoopUtilization(lastElu).active);
    const sched = threadSchedstat();
    if (sched && lastSched && worstOwnStall !== null) {
      worstOwnStall = Math.max(worstOwnStall, gap - (sched.waiting - lastSched.waiting));
    }
    last = t;
    lastElu = performance.eventLoopUtilization();
    lastSched = sched;
  };
  const timer = setInterval(sample, 5);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { worstGap, worstBusy, worstOwnStall };
    },
  };
}

/**
 * The same watch in a separate idle Node process, running at the same time: how late the OS alone
 * makes a waiting loop on this machine right now (other builds and tests share the two cores).
 */
async function startControl(): Promise<{ stop(): Promise<number> }> {
  const code = `let last=performance.now(),worst=0;setInterval(()=>{const t=performance.now();worst=Math.max(worst,t-last);last=t},5);
process.stdin.once('data',()=>{process.stdout.write(String(worst));process.exit(0)});process.stdout.write('ready')`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  return {
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve(Number(out.replace('ready', ''))));
        child.stdin.write('stop\n');
      }),
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

describe('main loop responsiveness at the standard scrypt strength', () => {
  const t = makeTestWallet({ scryptN: STANDARD_SCRYPT_N });
  afterAll(() => t.dispose());

  it('never stalls 50 ms while creating, unlocking and rejecting a wrong password', async () => {
    const control = await startControl();
    const loop = watchLoop();
    const created = await timed(() => t.wallet.create(PASSWORD));
    t.wallet.lock();
    const unlocked = await timed(() => t.wallet.unlock(PASSWORD));
    t.wallet.lock();
    const wrong = await timed(async () => {
      try {
        await t.wallet.unlock('not the password');
      } catch (err) {
        return (err as AppError).code;
      }
      return 'unlocked';
    });
    const report = loop.stop();
    const machineGap = await control.stop();
    expect(unlocked.value.unlocked).toBe(created.value.address);
    expect(wrong.value).toBe(ErrorCode.WrongPassword);
    console.log(
      `scrypt N=${STANDARD_SCRYPT_N}: encrypt (create) ${created.ms.toFixed(0)} ms, decrypt (unlock) ${unlocked.ms.toFixed(0)} ms, ` +
        `wrong password ${wrong.ms.toFixed(0)} ms; worst main-loop gap ${report.worstGap.toFixed(1)} ms ` +
        `(own stall at most ${report.worstOwnStall?.toFixed(1) ?? 'n/a'} ms, loop busy at most ${report.worstBusy.toFixed(1)} ms; ` +
        `an idle process meanwhile: ${machineGap.toFixed(1)} ms)`,
    );
    // On a quiet machine (an idle process sees its ticks under 20 ms late) both the stall this process
    // caused (the gap less the time the OS gave the CPU to others) and the plain wall-clock gap stay
    // under 50 ms. When other work on the shared cores already delays an idle process that much, the
    // wall-clock gap measures the machine (it does so with the work in a child process too): then it is
    // only reported, and the process's own stall is held to a bound relative to the idle process.
    const quiet = machineGap < 20;
    if (quiet) expect(report.worstGap).toBeLessThan(50);
    expect(report.worstOwnStall ?? report.worstBusy).toBeLessThan(quiet ? 50 : Math.max(50, 2 * machineGap));
  }, 30_000);

  it('would see the stall if scrypt ran on the main thread (the measure can fail)', async () => {
    const loop = watchLoop();
    // ethers' async encrypt still computes scrypt on this thread, in slices that are too coarse.
    await encryptKeystoreJson(
      { address: '0x2c7536E3605D9C16a7a3D7b1898e529396a65c23', privateKey: '0x' + '11'.repeat(32) },
      PASSWORD,
      {
        scrypt: { N: 32_768 },
      },
    );
    const report = loop.stop();
    expect(report.worstGap).toBeGreaterThan(50);
    expect(report.worstOwnStall ?? report.worstBusy).toBeGreaterThan(50);
  }, 30_000);
});
