// A word of the network with its explanation: hover or keyboard focus shows the glossary's short
// text in a tooltip (role="tooltip", tied with aria-describedby), Escape hides it, and the word
// links nowhere so it never steals a click. The words live in src-shared/domain/glossary.ts.
import { useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { GLOSSARY, type GlossaryKey } from '../../src-shared/domain/glossary.ts';
import styles from './Term.module.css';

export function Term({ k, children }: { k: GlossaryKey; children?: ReactNode }) {
  const entry = GLOSSARY[k];
  const id = useId();
  const [open, setOpen] = useState(false);
  const [shift, setShift] = useState(0);
  const tip = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    // A word near the right edge would push its tip past the window: slide the tip left instead
    if (!open || !tip.current) return setShift(0);
    const over = tip.current.getBoundingClientRect().right - (window.innerWidth - 8);
    if (over > 0) setShift(-over);
  }, [open]);
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
      <span
        ref={tip}
        role="tooltip"
        id={id}
        className={open ? `${styles.tip} ${styles.open}` : styles.tip}
        style={shift ? { left: shift } : undefined}
      >
        <strong>{entry.term}.</strong> {entry.short}
      </span>
    </span>
  );
}
