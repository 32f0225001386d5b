// A message from the CSV reader or the upload parser, with its sub-points (e.g. the header's
// missing, repeated and unknown columns) as a list.
import { useTranslation } from "react-i18next";

export type MessageWithParts = { key: string; values?: Record<string, string | number>; parts?: MessageWithParts[] };

export function CsvMessageText({ message }: { message: MessageWithParts }) {
  const { t } = useTranslation();
  return (
    <>
      {t(message.key, message.values)}
      {message.parts?.length ? (
        <ul className="mb-0 mt-1">
          {message.parts.map((part, index) => (
            <li key={index}>{t(part.key, part.values)}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** The header names an import accepts, for its page. */
export function AcceptedHeaders({ columns }: { columns: readonly { key: string; names: readonly string[]; required?: boolean }[] }) {
  const { t } = useTranslation("csv");
  return (
    <>
      {t("acceptedHeaders")}
      <ul>
        {columns.map((column) => (
          <li key={column.key}>
            <code>{column.names.join(", ")}</code> ({column.required ? t("required") : t("optional")})
          </li>
        ))}
      </ul>
    </>
  );
}
