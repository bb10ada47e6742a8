import { Text, Textarea, type TextareaProps } from "@mantine/core";
import { useId, useState } from "react";

const NEAR = 0.8;

/**
 * A long text field's limit, said before it is reached: "Up to 4,000 characters", then "3,412 of 4,000
 * characters" from 80% of the limit, so nothing is ever cut without a warning.
 */
export function CharacterCount({ value, max, id }: { value: string; max: number; id?: string }) {
  const near = value.length >= max * NEAR;
  const n = (x: number) => x.toLocaleString("en-US");
  return (
    <Text
      id={id}
      size="xs"
      c={value.length >= max ? "red.8" : "dimmed"}
      aria-live={near ? "polite" : "off"}
      mt={4}
    >
      {near ? `${n(value.length)} of ${n(max)} characters` : `Up to ${n(max)} characters`}
      {value.length >= max ? ". That is the limit." : ""}
    </Text>
  );
}

/** A Mantine Textarea with its limit and the character counter below (works with controlled and uncontrolled forms). */
export function LongTextarea({ maxLength, ...props }: TextareaProps & { maxLength: number }) {
  const countId = useId();
  const initial = String(props.value ?? props.defaultValue ?? "");
  const [typed, setTyped] = useState(initial);
  const value = props.value === undefined ? typed : String(props.value);
  return (
    <div>
      <Textarea
        {...props}
        maxLength={maxLength}
        aria-describedby={[props["aria-describedby"], countId].filter(Boolean).join(" ")}
        onChange={(event) => {
          setTyped(event.currentTarget.value);
          props.onChange?.(event);
        }}
      />
      <CharacterCount value={value} max={maxLength} id={countId} />
    </div>
  );
}
