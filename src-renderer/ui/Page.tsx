import type { ReactNode } from 'react';
import styles from './Page.module.css';

export function Page({ title, lead, children }: { title: string; lead: string; children: ReactNode }) {
  return (
    <section className="page">
      <header className={styles.pageHead}>
        <h1>{title}</h1>
        <p className="lead">{lead}</p>
      </header>
      {children}
    </section>
  );
}

export function Card({ title, children, className }: { title?: string; children: ReactNode; className?: string }) {
  return (
    <div className={className ? `card ${className}` : 'card'}>
      {title && <h2 className="card-title">{title}</h2>}
      {children}
    </div>
  );
}
