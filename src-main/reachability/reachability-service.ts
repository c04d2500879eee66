// The `reachability` service: one port mapper at a time (removed on unmap and when the host
// closes), the reachability check with the on-chain service URI read through the chain client,
// and the service URI update as a chain preview.
import type { reachability, ReachabilityMapping } from '../../src-shared/contract/index.ts';
import type { ServiceImpl } from '../core/service.ts';
import type { Logger } from '../log/logger.ts';
import type { ChainClient } from '../chain/client.ts';
import { checkReachability } from './check.ts';
import {
  createPortMapper,
  idleMapping,
  type MappingStatus,
  type PortMapper,
  type PortMapperOptions,
} from './port-mapper.ts';

export interface ReachabilityRuntimeOptions {
  client: () => Promise<ChainClient>;
  log: Logger;
  onMapping?: (status: ReachabilityMapping) => void;
  /** Extra mapper options (tests: no SSDP discovery, short timeouts). */
  mapper?: Partial<Omit<PortMapperOptions, 'port' | 'log' | 'onChange'>>;
}

export interface ReachabilityRuntime {
  service: ServiceImpl<typeof reachability>;
  /** Removes any port mapping (on exit). */
  close(): Promise<void>;
}

const IDLE = idleMapping(0);

export function createReachabilityRuntime(options: ReachabilityRuntimeOptions): ReachabilityRuntime {
  let mapper: PortMapper | null = null;

  async function unmap(): Promise<MappingStatus> {
    const m = mapper;
    mapper = null;
    if (!m) return IDLE;
    await m.stop();
    return m.status();
  }

  const service: ServiceImpl<typeof reachability> = {
    mapping: () => mapper?.status() ?? IDLE,
    async mapPort({ port, upnpDescriptorUrl, pmpGateway, internalHost }) {
      await unmap();
      const m = createPortMapper({
        ...options.mapper,
        port,
        ...(upnpDescriptorUrl ? { upnpDescriptorUrl } : {}),
        ...(pmpGateway ? { pmpGateway } : {}),
        ...(internalHost ? { internalHost } : {}),
        log: options.log.child('port-mapper'),
        ...(options.onMapping ? { onChange: options.onMapping } : {}),
      });
      mapper = m;
      return m.start();
    },
    unmapPort: () => unmap(),
    async check({ orchestrator, port, publicHost }) {
      let onChainUri: string | null = null;
      if (orchestrator) {
        const client = await options.client();
        onChainUri = (await client.account(orchestrator)).transcoder.serviceUri;
      }
      return checkReachability({
        orchestrator: orchestrator ?? null,
        onChainUri,
        port,
        mapping: mapper?.status() ?? null,
        publicHost: publicHost ?? null,
      });
    },
    async prepareServiceUri({ from, uri }) {
      const client = await options.client();
      return client.prepare(from, { kind: 'setServiceUri', uri });
    },
  };

  return {
    service,
    async close() {
      await unmap();
    },
  };
}
