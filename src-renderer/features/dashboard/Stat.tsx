// One figure with its label and a hint.
import { Card } from '../../ui/Page.tsx';

export function Stat({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: string | null;
  hint: string;
  testId: string;
}) {
  return (
    <Card className="stat">
      <p className="stat-label">{label}</p>
      <p className={value === null ? 'stat-value muted' : 'stat-value'} data-testid={testId}>
        {value ?? '—'}
      </p>
      <p className="hint">{hint}</p>
    </Card>
  );
}
