// Fails a command in milliseconds, before the chain or the node start, when a port it needs is taken
// (a second instance): one line naming the port and the option that moves it.
import { createServer } from 'node:net';

export async function requirePortFree(port: number, host: string, option: string): Promise<void> {
  if (port === 0) return;
  const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => resolve(err));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(null)));
  });
  if (!error) return;
  if (error.code === 'EADDRINUSE')
    throw new Error(
      `Port ${port} on ${host} is already in use (is another Livepeer Miner running?); choose another with --${option} PORT`,
    );
  if (error.code === 'EACCES')
    throw new Error(`Port ${port} on ${host} needs privileges this user lacks; choose another with --${option} PORT`);
  throw new Error(`Cannot listen on ${host}:${port}: ${error.message}`);
}
