// `livepeer-miner devnet`: the devnet alone, until SIGINT/SIGTERM. With --json, stdout carries one
// JSON document {rpcUrl, chainId, controller, contracts, scale}; progress always goes to stderr.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../app/data-dir.ts';
import { DEVNET_PARAMS } from '../chain/devnet/deploy.ts';
import { startDevnet, type Devnet } from '../chain/devnet/devnet.ts';
import { readPriceFeed } from '../chain/reads/price-feeds.ts';
import { formatUnits, parseUnits } from '../../src-shared/domain/units.ts';
import { devnetScaleOption, portOption, UsageError, whenStopped } from './args.ts';

export async function devnetCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'block-interval-ms': { type: 'string', default: '1000' },
      'eth-usd': { type: 'string' },
      scale: { type: 'string', default: 'small' },
    },
    strict: true,
  });
  const blockIntervalMs = Number(values['block-interval-ms']);
  if (!Number.isInteger(blockIntervalMs) || blockIntervalMs < 0)
    throw new UsageError('--block-interval-ms must be a whole number of milliseconds (0 = mine only on transactions)');
  const ethUsd = values['eth-usd'] === undefined ? null : parseUnits(values['eth-usd'], DEVNET_PARAMS.ethUsdDecimals);
  if (ethUsd !== null && ethUsd <= 0n) throw new UsageError('--eth-usd must be a positive price in USD, like 3456.78');
  if (values['eth-usd'] !== undefined && ethUsd === null)
    throw new UsageError('--eth-usd must be a price in USD with up to 8 decimals, like 3456.78');
  const scale = devnetScaleOption(values.scale);
  const port = values.port === undefined ? undefined : portOption(values.port, 'port');
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());

  const devnet = await startDevnet({
    dataDir,
    blockIntervalMs,
    scale,
    ...(port === undefined ? {} : { port }),
    onProgress: (p) => process.stderr.write(`[devnet ${p.elapsedMs} ms] ${p.message}\n`),
  });
  if (ethUsd !== null) await devnet.setEthUsdPrice(ethUsd);
  const summary = {
    rpcUrl: devnet.rpcUrl,
    chainId: devnet.chainId,
    controller: devnet.controller,
    contracts: devnet.contracts,
    scale: devnet.scale,
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    const lines = [
      `Devnet ready in ${devnet.startMs} ms (${devnet.restored ? 'state restored' : 'fresh deployment'}) with data in ${dataDir}`,
      ...(devnet.seeded
        ? [`Seeded a mainnet-size network in ${devnet.seeded.ms} ms (${devnet.seeded.transactions} transactions)`]
        : []),
      `Scale:      ${devnet.scale}`,
      `RPC URL:    ${devnet.rpcUrl}`,
      `Chain id:   ${devnet.chainId}`,
      `Controller: ${devnet.controller}`,
      ...Object.entries(devnet.contracts).map(([name, address]) => `  ${name.padEnd(16)} ${address}`),
      `ETH/USD feed: ${formatUnits(ethUsd ?? (await devnetEthUsd(devnet)), DEVNET_PARAMS.ethUsdDecimals, 8)} USD (set with --eth-usd)`,
      `Faucet account: ${devnet.accounts[0]?.address ?? '?'} (anvil development key)`,
      'Press Ctrl+C to stop.',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }

  await whenStopped();
  process.stderr.write('Stopping the devnet (saving its state)\n');
  await devnet.stop().catch(() => undefined);
}

async function devnetEthUsd(devnet: Devnet): Promise<bigint> {
  const r = await readPriceFeed(devnet.provider, { pair: 'ETH / USD', address: devnet.contracts.DevnetPriceFeed });
  return BigInt(r.answer);
}
