// Tests only: run inside the "internet" network namespace (netns-router.ts) to see the node as a
// gateway on the internet does: TLS + ALPN h2 on host:port, then gRPC GetOrchestrator with a
// gateway key the node's test chain funded. Prints one JSON document: { probe, orchestrator, error }.
//   node outside-probe.ts <host> <port> <gateway private key>
import { Wallet } from 'ethers';
import { createDemoGateway } from '../../orchestrator/gateway/demo-gateway.ts';
import { keySigner } from '../../orchestrator/payments/key-signer.ts';
import { probeTlsH2 } from '../tls-check.ts';

const [host = '', portText = '', key = ''] = process.argv.slice(2);
const port = Number(portText);
const probe = await probeTlsH2(host, port, 4000);
let orchestrator: { uri: string } | null = null;
let error: string | null = null;
if (probe.problem === null) {
  const gateway = createDemoGateway(keySigner(new Wallet(key)), `https://${host}:${port}`);
  try {
    const info = await gateway.getOrchestrator();
    orchestrator = { uri: info.transcoder };
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  } finally {
    gateway.close();
  }
}
process.stdout.write(`${JSON.stringify({ probe, orchestrator, error })}\n`);
