import { describe, expect, it } from 'vitest';
import { ErrorCode, type DeviceChoice } from '../../src-shared/contract/index.ts';
import { classifyFailure, isSessionLimitMessage } from './failure.ts';
import { createScheduler } from './scheduler.ts';

const gpu0: DeviceChoice = { id: 'nvidia:0', label: 'GeForce GTX 1070 Ti', encoder: 'h264_nvenc', index: 0 };
const cpu: DeviceChoice = { id: 'cpu', label: 'CPU', encoder: 'libx264', index: 0 };

// FFmpeg 5.x/6.x stderr when a GeForce driver refuses a further NVENC session (the message class
// go-livepeer operators report; the text of libavcodec/nvenc.c around nvEncOpenEncodeSessionEx).
const NVENC_REFUSED = `[h264_nvenc @ 0x55d0c8a1f2c0] OpenEncodeSessionEx failed: out of memory (10): (no details)
[h264_nvenc @ 0x55d0c8a1f2c0] No capable devices found
Error initializing output stream 3:0 -- Error while opening encoder for output stream #3:0 - maybe incorrect parameters such as bit_rate, rate, width or height
Conversion failed!
`;

describe('stream scheduler and NVENC session caps', () => {
  it('respects each device cap, keeps streams on their device, fills GPUs before the CPU and balances GPUs', () => {
    const gpu1: DeviceChoice = { ...gpu0, id: 'nvidia:1', index: 1 };
    const s = createScheduler([gpu0, gpu1, cpu], (d) => ({ max: d.id === 'cpu' ? 1 : 1, reason: 'set' }));
    expect(s.acquire('a', 4)?.device.id).toBe('nvidia:0');
    expect(s.acquire('b', 4)?.device.id).toBe('nvidia:1'); // balanced over GPUs
    expect(s.acquire('a', 4)?.device.id).toBe('nvidia:0'); // sticky
    expect(s.acquire('c', 4)?.device.id).toBe('cpu'); // GPUs full
    expect(s.acquire('d', 4)).toBeNull(); // all full
    s.release('b');
    expect(s.acquire('d', 4)?.device.id).toBe('nvidia:1');
    s.release('d');
    s.setCap('nvidia:1', 0, 'off');
    expect(s.acquire('e', 4)).toBeNull();
    expect(s.capacity().map((c) => [c.deviceId, c.activeSessions, c.maxSessions])).toEqual([
      ['nvidia:0', 1, 1],
      ['nvidia:1', 0, 0],
      ['cpu', 1, 1],
    ]);
  });

  it('classifies the OpenEncodeSessionEx refusal as ENCODER_SESSION_LIMIT and lowers the cap with an explanation', () => {
    const err = classifyFailure(
      { code: 1, signal: null, stoppedBy: null, spawnError: null, stderr: NVENC_REFUSED, stdout: '', elapsedMs: 40 },
      'transcoding',
      8000,
    );
    expect(err.code).toBe(ErrorCode.EncoderSessionLimit);
    expect(isSessionLimitMessage('Cannot load libcuda.so.1')).toBe(false);

    const s = createScheduler([gpu0], () => ({ max: 3, reason: 'set' }));
    const changes: number[] = [];
    s.onChange((c) => changes.push(c[0]?.maxSessions ?? -1));
    s.acquire('a', 2);
    s.acquire('b', 2);
    s.acquire('c', 2); // third stream: 6 encode sessions, the driver says no
    expect(s.reportSessionLimit('nvidia:0', 'c')).toBe(2);
    const cap = s.capacity()[0];
    expect(cap).toMatchObject({ maxSessions: 2, activeSessions: 2 });
    expect(cap?.reason).toMatch(/Lowered from 3 to 2.*OpenEncodeSessionEx failed.*3 streams \(6 encode sessions\)/);
    expect(s.acquire('d', 2)).toBeNull();
    expect(changes.at(-1)).toBe(2);
  });

  it('turns a device off when even one ladder exceeds the driver limit', () => {
    const s = createScheduler([gpu0, cpu], () => ({ max: 2, reason: 'set' }));
    s.acquire('a', 4);
    expect(s.reportSessionLimit('nvidia:0', 'a')).toBe(0);
    expect(s.capacity()[0]?.reason).toMatch(/single stream of 4 renditions/);
    expect(s.acquire('b', 4)?.device.id).toBe('cpu');
  });
});
