// The invitation email promises what the organization's kit gives: an INTERMEDIATE municipality
// is not promised the community (PLUS only; the email used to say "la community riservata"), a PLUS one is; a municipality covered by its
// union's enrolment hears about the union's kit.
import { db } from "~/lib/db.server.ts";
import { action as inviteAction } from "~/routes/admin.users.new.tsx";
import { call, formRequest } from "../helpers/requests.ts";
import { signedIn, uniqueEmail } from "./invitations-helpers.ts";

const DAY = 24 * 60 * 60 * 1000;
let admin: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  admin = await signedIn({ role: "ADMIN" });
});

async function enrolled(kit: "BASIC" | "INTERMEDIATE" | "PLUS", kind: "MUNICIPALITY" | "UNION" = "MUNICIPALITY", parentId?: string) {
  const organization = await db.organization.create({ data: { name: `Ente ${kit} ${Math.random().toString(36).slice(2, 7)}`, kind, parentId } });
  await db.enrolment.create({ data: { organizationId: organization.id, kit, status: "ACTIVE", startsAt: new Date(Date.now() - DAY), endsAt: new Date(Date.now() + 100 * DAY), seats: 10 } });
  return organization;
}

async function invitationText(organizationId: string) {
  const email = uniqueEmail("kit");
  const response = await call(inviteAction, formRequest("/admin/users/new", { name: "Persona Invitata", email, role: "MEMBER", organizationId }, { cookie: admin.cookie }));
  expect(response.status).toBe(302);
  const outbox = await db.outboxEmail.findFirstOrThrow({ where: { toAddress: email } });
  return { text: outbox.text, html: outbox.html };
}

describe("invitation email and the kit's entitlements", () => {
  it("INTERMEDIATE: the lab, and no community", async () => {
    const { text, html } = await invitationText((await enrolled("INTERMEDIATE")).id);
    expect(text).toContain("L'adesione comprende il kit INTERMEDIATE");
    expect(text).toContain("laboratorio di Community Building");
    expect(text).not.toMatch(/comunità|community riservata|forum/i);
    expect(html).not.toMatch(/comunità|community riservata|forum/i);
  });

  it("BASIC: webinars only", async () => {
    const { text } = await invitationText((await enrolled("BASIC")).id);
    expect(text).toContain("i webinar del percorso");
    expect(text).not.toMatch(/laboratorio|comunità/i);
  });

  it("PLUS: the community too", async () => {
    const { text } = await invitationText((await enrolled("PLUS")).id);
    expect(text).toContain("la piattaforma di comunità (forum e area file)");
    expect(text).toContain("l'analisi dei bisogni formativi");
  });

  it("a municipality covered by its union's PLUS enrolment hears about PLUS", async () => {
    const union = await enrolled("PLUS", "UNION");
    const town = await db.organization.create({ data: { name: "Comune dell'Unione", kind: "MUNICIPALITY", parentId: union.id } });
    const { text } = await invitationText(town.id);
    expect(text).toContain("L'adesione comprende il kit PLUS");
    expect(text).toContain("piattaforma di comunità");
  });
});
