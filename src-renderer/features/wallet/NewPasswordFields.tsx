// The new password typed twice, with the errors next to the fields.
import { Field, fieldNoteId } from '../../ui/Field.tsx';
import styles from './wallet.module.css';

export interface NewPassword {
  password: string;
  confirm: string;
}

export function NewPasswordFields({
  value: { password, confirm },
  onChange: setValue,
}: {
  value: NewPassword;
  onChange: (update: (prev: NewPassword) => NewPassword) => void;
}) {
  // A patch applied to the latest state: two quick edits must not undo each other.
  const onChange = (patch: Partial<NewPassword>): void => setValue((prev) => ({ ...prev, ...patch }));
  const short = password !== '' && password.length < 8;
  const mismatch = confirm !== '' && confirm !== password;
  return (
    <div className={styles.grid}>
      <Field
        id="new-password"
        label="New password (8 characters or more)"
        error={short ? 'Use at least 8 characters' : null}
      >
        <input
          id="new-password"
          type="password"
          autoComplete="new-password"
          value={password}
          aria-invalid={short}
          aria-describedby={short ? fieldNoteId('new-password') : undefined}
          onChange={(e) => onChange({ password: e.target.value })}
        />
      </Field>
      <Field id="confirm-password" label="Type it again" error={mismatch ? 'The passwords differ' : null}>
        <input
          id="confirm-password"
          type="password"
          autoComplete="new-password"
          value={confirm}
          aria-invalid={mismatch}
          aria-describedby={mismatch ? fieldNoteId('confirm-password') : undefined}
          onChange={(e) => onChange({ confirm: e.target.value })}
        />
      </Field>
    </div>
  );
}

export function newPasswordOk(password: string, confirm: string): boolean {
  return password.length >= 8 && password === confirm;
}
