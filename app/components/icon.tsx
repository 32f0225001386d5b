import { SPRITE } from "~/lib/vendor.ts";

/** A Bootstrap Italia icon from its sprite; decorative unless given a title. */
export function Icon({ name, className = "", title, size }: { name: string; className?: string; title?: string; size?: "xs" | "sm" | "lg" | "xl" }) {
  return (
    <svg className={`icon${size ? ` icon-${size}` : ""} ${className}`.trim()} aria-hidden={title ? undefined : true} role={title ? "img" : undefined}>
      {title ? <title>{title}</title> : null}
      <use href={`${SPRITE}#${name}`} />
    </svg>
  );
}
