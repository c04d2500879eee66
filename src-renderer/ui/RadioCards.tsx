// A group of large radio choices, each with a title and a plain-language consequence.
export interface RadioCardOption<T extends string> {
  readonly value: T;
  readonly title: string;
  readonly text: string;
}

export function RadioCards<T extends string>(props: {
  name: string;
  label: string;
  options: readonly RadioCardOption<T>[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <div className="choice-grid" role="radiogroup" aria-label={props.label}>
      {props.options.map((option) => (
        <label key={option.value} className={props.value === option.value ? 'choice selected' : 'choice'}>
          <input
            type="radio"
            name={props.name}
            value={option.value}
            checked={props.value === option.value}
            onChange={() => props.onChange(option.value)}
          />
          <span className="choice-title">{option.title}</span>
          <span className="choice-text">{option.text}</span>
        </label>
      ))}
    </div>
  );
}
