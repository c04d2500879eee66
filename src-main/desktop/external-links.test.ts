import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from './external-links.ts';

describe('external links', () => {
  it('allows https links to the allowlisted hosts and their subdomains', () => {
    for (const url of [
      'https://livepeer.org/',
      'https://docs.livepeer.org/orchestrators/guides/get-started',
      'https://explorer.livepeer.org/accounts/0xabc/orchestrating',
      'https://arbiscan.io/tx/0x1234',
      'https://github.com/livepeer/go-livepeer/releases',
      'https://DOCS.Livepeer.ORG/x',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(true);
    }
  });

  it('refuses everything else', () => {
    for (const url of [
      'http://docs.livepeer.org/', // not https
      'https://livepeer.org.evil.example/', // allowlisted name as a prefix
      'https://evillivepeer.org/', // as a suffix without the dot
      'https://user:pass@livepeer.org/', // credentials
      'https://livepeer.org:8443/', // another port
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://ui/#/settings',
      'mailto:someone@livepeer.org',
      'not a url',
      '',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('takes a custom allowlist', () => {
    expect(isAllowedExternalUrl('https://example.org/', ['example.org'])).toBe(true);
    expect(isAllowedExternalUrl('https://livepeer.org/', ['example.org'])).toBe(false);
  });
});
