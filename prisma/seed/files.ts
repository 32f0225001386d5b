// Demo file area (issue 11): folders of each visibility and one subfolder. No files: the seed does
// not write to storage (members upload through /files/<folder>). Idempotent: skipped when folders exist.
import { db } from "../../app/lib/db.server.ts";

export async function seedFiles() {
  if (await db.communityFolder.count()) return { folders: 0 };
  const models = await db.communityFolder.create({ data: { name: "Modelli e documenti", description: "Delibere, regolamenti e modelli da riusare.", visibility: "COMMUNITY", position: 1 } });
  await db.communityFolder.create({ data: { name: "Piano triennale", description: "Cronoprogrammi e schede di monitoraggio.", visibility: "COMMUNITY", parentId: models.id } });
  await db.communityFolder.create({ data: { name: "Materiali dei laboratori", description: "Presentazioni e dispense dei laboratori.", visibility: "COMMUNITY", position: 2 } });
  await db.communityFolder.create({ data: { name: "Archivio dello staff", description: "Documenti di lavoro dello staff FPA.", visibility: "STAFF", position: 3 } });
  return { folders: 4 };
}
