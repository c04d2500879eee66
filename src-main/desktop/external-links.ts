// Which links may leave the app for the user's browser (desktop anchors §5 item 7): parsed https
// URLs to a short allowlist of hosts (and their subdomains), on the default port, without
// credentials. Everything else stays closed.
export const EXTERNAL_LINK_HOSTS: readonly string[] = [
  'livepeer.org', // docs.livepeer.org, explorer.livepeer.org, forum.livepeer.org
  'livepeer.studio',
  'arbiscan.io',
  'arbitrum.io',
  'github.com',
  'discord.gg',
];

export function isAllowedExternalUrl(raw: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') return false;
  const host = url.hostname.toLowerCase();
  return hosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}
