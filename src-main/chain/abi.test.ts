// The client's bindings (mainnet signatures) must all resolve in the devnet's compiled ABIs.
import { Interface } from 'ethers';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_ABIS, type ProtocolContract } from './abi.ts';
import { loadArtifact } from './devnet/artifacts.ts';

describe('client bindings against the devnet ABIs', () => {
  for (const name of Object.keys(PROTOCOL_ABIS) as ProtocolContract[]) {
    it(`${name}: every function, event and error of the client exists on the devnet contract`, () => {
      const client = new Interface(PROTOCOL_ABIS[name]);
      const devnet = new Interface(loadArtifact(name).abi);
      client.forEachFunction((fn) => {
        const match = devnet.getFunction(fn.selector);
        expect(match?.format('sighash'), fn.format('sighash')).toBe(fn.format('sighash'));
        expect(
          match?.outputs.map((o) => o.format('sighash')),
          `${fn.name} outputs`,
        ).toEqual(fn.outputs.map((o) => o.format('sighash')));
      });
      client.forEachEvent((ev) => {
        const match = devnet.getEvent(ev.topicHash);
        expect(match?.format('full'), ev.format('full')).toBe(ev.format('full'));
      });
      client.forEachError((err) => {
        expect(devnet.getError(err.selector)?.format('sighash'), err.format('sighash')).toBe(err.format('sighash'));
      });
    });
  }
});
