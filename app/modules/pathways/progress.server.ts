// A person's progress on each pathway: which criteria are met. The criterion kinds are an
// exhaustive switch (PathwayCriterionKind): a new kind (labs: LAB with a labId) adds its enum
// value and its case here, and TypeScript fails until it has one.
import type { PathwayCriterionKind } from "~/generated/sqlite/enums.ts";
import { db } from "~/lib/db.server.ts";
import { eligibility } from "~/modules/certificates/certificates.server.ts";
import { currentYear, ledger } from "~/modules/training/ledger.server.ts";

type CriterionRow = { id: string; kind: PathwayCriterionKind; webinarId: string | null; minHours: number | null; webinar: { title: string; slug: string } | null };

export type CriterionProgress =
  | { kind: "WEBINAR_CERTIFICATE"; met: boolean; webinarId: string; webinarTitle: string; webinarSlug: string }
  | { kind: "TRAINING_HOURS"; met: boolean; minHours: number; minutes: number; year: number };

export type PathwayProgress = { id: string; title: string; description: string; criteria: CriterionProgress[]; met: number; complete: boolean };

/** Whether the person holds (or has earned) the webinar's attendance certificate. */
async function holdsCertificate(webinarId: string, userId: string) {
  if (await db.certificate.findUnique({ where: { webinarId_userId: { webinarId, userId } }, select: { id: true } })) return true;
  const found = await eligibility(webinarId, userId);
  return !!found && found.webinar.status === "ENDED" && found.credit.reachesThreshold;
}

async function evaluate(criterion: CriterionRow, userId: string, minutesThisYear: () => Promise<number>, year: number): Promise<CriterionProgress> {
  const kind = criterion.kind;
  switch (kind) {
    case "WEBINAR_CERTIFICATE":
      return {
        kind,
        met: criterion.webinarId ? await holdsCertificate(criterion.webinarId, userId) : false,
        webinarId: criterion.webinarId ?? "",
        webinarTitle: criterion.webinar?.title ?? "",
        webinarSlug: criterion.webinar?.slug ?? "",
      };
    case "TRAINING_HOURS": {
      const minutes = await minutesThisYear();
      const minHours = criterion.minHours ?? 0;
      return { kind, met: minutes >= minHours * 60, minHours, minutes, year };
    }
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown pathway criterion kind ${String(unknown)}`);
    }
  }
}

/** The person's progress on every pathway still open (archived ones are not shown). */
export async function pathwayProgress(userId: string, now = new Date()): Promise<PathwayProgress[]> {
  const pathways = await db.pathway.findMany({
    where: { archivedAt: null },
    orderBy: { createdAt: "asc" },
    include: { criteria: { include: { webinar: { select: { title: true, slug: true } } }, orderBy: { kind: "asc" } } },
  });
  const year = currentYear(now);
  let minutes: Promise<number> | null = null;
  const minutesThisYear = () => (minutes ??= ledger({ userIds: [userId] }, year, now).then(([person]) => person?.minutes ?? 0));
  const result: PathwayProgress[] = [];
  for (const pathway of pathways) {
    const criteria: CriterionProgress[] = [];
    for (const criterion of pathway.criteria) criteria.push(await evaluate(criterion, userId, minutesThisYear, year));
    const met = criteria.filter((c) => c.met).length;
    result.push({ id: pathway.id, title: pathway.title, description: pathway.description, criteria, met, complete: criteria.length > 0 && met === criteria.length });
  }
  return result;
}
