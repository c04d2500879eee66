// One formatting layer for times and durations, so a card never mixes "12/5/2026, 4:03 AM" with
// "2026-12-05T04:03": dates read "5 Dec 2026, 04:03", times "04:03:15", durations "about 2 min".
// Pure (Intl with an explicit locale and 24-hour clock) so the renderer, the CLI and tests agree.

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const TIME = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "5 Dec 2026, 04:03" (local time). */
export const formatDateTime = (ms: number): string => DATE_TIME.format(ms);
/** "5 Dec 2026" (local date). */
export const formatDate = (ms: number): string => DATE.format(ms);
/** "04:03:15" (local time). */
export const formatTime = (ms: number): string => TIME.format(ms);
/** "2026-12-05": the local calendar day, as CSV files and day keys use it. */
export function isoDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A length of time in words: "about 40 s", "about 2 min", "about 19 h", "about 3 days". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return 'now';
  if (seconds < 90) return `about ${Math.round(seconds)} s`;
  if (seconds < 5400) return `about ${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `about ${Math.round(seconds / 3600)} h`;
  return `about ${Math.round(seconds / 86_400)} days`;
}

/** "12 min ago" for something that happened `seconds` ago. */
export function formatAge(seconds: number): string {
  if (seconds < 90) return `${Math.max(0, Math.round(seconds))} s ago`;
  return `${formatDuration(seconds).replace(/^about /, '')} ago`;
}

/**
 * How long `rounds` rounds last: the round length in blocks times the seconds per block that rounds
 * count (L1 blocks of 12 s on Arbitrum One; the devnet's own block cadence there).
 */
export function roundsDurationSeconds(rounds: number, roundLengthBlocks: number, secondsPerBlock: number): number {
  return rounds * roundLengthBlocks * secondsPerBlock;
}
