// The one form field: a label, the control, and under it either the error (next to the field it
// is about, announced with the input through aria-describedby) or a hint. With `value`/`onChange`
// it draws a text input (with an optional unit suffix); with children it frames a control the
// caller draws, whose id the caller passes as `id`.
import { useId, type ReactNode } from 'react';

interface Common {
  label: string;
  hint?: string;
  error?: string | null;
}

type Props =
  | (Common & {
      value: string;
      onChange: (value: string) => void;
      suffix?: string;
      inputMode?: 'decimal' | 'text' | 'url';
      placeholder?: string;
      children?: never;
    })
  | (Common & { id: string; children: ReactNode });

/** The id of the error or hint under the field with this id: a caller-drawn control points its aria-describedby here. */
export function fieldNoteId(id: string): string {
  return `${id}-hint`;
}

export function Field(props: Props) {
  const generated = useId();
  const id = 'children' in props && props.children !== undefined ? props.id : generated;
  const noteId = fieldNoteId(id);
  const note = props.error || props.hint;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {'value' in props ? (
        <div className="input-row">
          <input
            id={id}
            type="text"
            value={props.value}
            inputMode={props.inputMode ?? 'text'}
            placeholder={props.placeholder}
            aria-invalid={props.error ? true : undefined}
            aria-describedby={note ? noteId : undefined}
            onChange={(e) => props.onChange(e.target.value)}
          />
          {props.suffix && <span className="suffix">{props.suffix}</span>}
        </div>
      ) : (
        props.children
      )}
      {note && (
        <p id={noteId} className={props.error ? 'field-error' : 'hint'}>
          {props.error || props.hint}
        </p>
      )}
    </div>
  );
}
