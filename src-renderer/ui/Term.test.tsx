// @vitest-environment happy-dom
// A glossary word's tooltip: described by the glossary text, shown on hover and keyboard focus,
// hidden on Escape, blur and mouse leave.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { GLOSSARY } from '../../src-shared/domain/glossary.ts';
import { Term } from './Term.tsx';

describe('Term', () => {
  afterEach(cleanup);
  it('ties the word to its explanation and opens on focus and hover', () => {
    render(
      <p>
        Your <Term k="feeCut" /> is 25 %.
      </p>,
    );
    const word = screen.getByText('Fee cut', { selector: '[data-term]' });
    const tip = screen.getByRole('tooltip', { hidden: true });
    expect(word.getAttribute('tabindex')).toBe('0');
    expect(word.getAttribute('aria-describedby')).toBe(tip.id);
    expect(tip.textContent).toContain(GLOSSARY.feeCut.short);
    expect(tip.className).not.toMatch(/open/);
    fireEvent.focus(word);
    expect(tip.className).toMatch(/open/);
    fireEvent.keyDown(word, { key: 'Escape' });
    expect(tip.className).not.toMatch(/open/);
    fireEvent.mouseEnter(word);
    expect(tip.className).toMatch(/open/);
    fireEvent.mouseLeave(word);
    expect(tip.className).not.toMatch(/open/);
  });
  it('keeps the caller’s wording', () => {
    render(<Term k="round">rounds</Term>);
    expect(screen.getByText('rounds', { selector: '[data-term]' })).toBeTruthy();
  });
});
