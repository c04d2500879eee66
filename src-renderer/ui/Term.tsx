// A word of the network with its explanation: hover or keyboard focus shows the glossary's short
// text in a tooltip (role="tooltip", tied with aria-describedby), Escape hides it, and the word
// links nowhere so it never steals a click. The words live in src-shared/domain/glossary.ts.
import { useId, useState, type ReactNode } from 'react';
import { GLOSSARY, type GlossaryKey } from '../../src-shared/domain/glossary.ts';
import styles from './Term.module.css';

export function Term({ k, children }: { k: GlossaryKey; children?: ReactNode }) {
  const entry = GLOSSARY[k];
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <span
      className={styles.term}
      tabIndex={0}
      aria-describedby={id}
      data-term={k}
      onMouseEnter={() => setOpen(true)}
      onMouseLeave={() => setOpen(false)}
      onFocus={() => setOpen(true)}
      onBlur={() => setOpen(false)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setOpen(false);
      }}
    >
      {children ?? entry.term}
      <span role="tooltip" id={id} className={open ? `${styles.tip} ${styles.open}` : styles.tip}>
        <strong>{entry.term}.</strong> {entry.short}
      </span>
    </span>
  );
}
