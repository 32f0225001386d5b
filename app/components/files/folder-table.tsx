// The folders of the file area as a table (the home page's top folders, a folder's subfolders):
// name with its description, how many files; the visibility is shown where it can differ (top level).
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type FolderRow = { id: string; name: string; description?: string | null; visibility?: string; fileCount: number };

export function FolderTable({ folders, caption }: { folders: FolderRow[]; caption: string }) {
  const { t } = useTranslation("files");
  const { t: tc } = useTranslation("community");
  return (
    <div className="table-responsive">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("home.folder")}</th>
            <th scope="col">{t("home.files")}</th>
          </tr>
        </thead>
        <tbody>
          {folders.map((folder) => (
            <tr key={folder.id}>
              <td>
                <Link to={`/files/${folder.id}`}>{folder.name}</Link>
                {folder.visibility && folder.visibility !== "COMMUNITY" ? <span className="badge bg-secondary ms-2">{tc(`visibility.${folder.visibility}`)}</span> : null}
                {folder.description ? <p className="small mb-0">{folder.description}</p> : null}
              </td>
              <td>{folder.fileCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
