// Names, titles and messages refuse control characters (and bidirectional overrides that make a
// name read as something else) with a clear message on the field, keeping what was typed; the
// length cap says its maximum. Checked on every form that stores such text.
import { db } from "~/lib/db.server.ts";
import { CONTROL_CHARACTERS_MESSAGE } from "~/lib/validation.ts";
import { i18nFor } from "~/lib/i18n/i18n.ts";
import { action as createOrganization } from "~/routes/admin.organizations.new.tsx";
import { action as editOrganization } from "~/routes/admin.organizations.$id.edit.tsx";
import { action as accountAction } from "~/routes/account._index.tsx";
import { action as feedbackAction } from "~/routes/feedback.tsx";
import { action as newUserAction } from "~/routes/admin.users.new.tsx";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, formRequest } from "../helpers/requests.ts";

const HOSTILE = ["Comune di\u0007 Lavis", "Comune di\nLavis", "Comune di\tLavis", "Comune di Lavis\u0000", "Comune \u202eivaL id", "Comune di \u2066Lavis\u2069", "Comune\u0085di Lavis", "\u001b[31mComune"];

let admin: string;
beforeAll(async () => {
  admin = await sessionCookieFor((await createUser({ role: "ADMIN" })).id);
});

async function failure(response: Response) {
  expect(response.status).toBe(400);
  return (await response.json()) as { fieldErrors: Record<string, string[]>; values: Record<string, string> };
}

describe("organization names", () => {
  it.each(HOSTILE.map((name) => [JSON.stringify(name), name]))("refuses %s on create, naming the field and keeping the value", async (_label, name) => {
    const before = await db.organization.count();
    const body = await failure(await call(createOrganization, formRequest("/admin/organizations/new", { name, kind: "MUNICIPALITY" }, { cookie: admin })));
    expect(body.fieldErrors.name).toEqual([CONTROL_CHARACTERS_MESSAGE]);
    expect(body.values.name).toBe(name);
    expect(await db.organization.count()).toBe(before);
  });

  it("refuses them on edit too, and caps the length with the maximum in the message", async () => {
    const organization = await db.organization.create({ data: { name: "Comune di Prova Testi", kind: "MUNICIPALITY" } });
    const edit = (name: string) =>
      call(editOrganization, formRequest(`/admin/organizations/${organization.id}/edit`, { name, kind: "MUNICIPALITY" }, { cookie: admin }), { id: organization.id });
    expect((await failure(await edit("Comune\u0000"))).fieldErrors.name).toEqual([CONTROL_CHARACTERS_MESSAGE]);
    expect((await failure(await edit("C".repeat(201)))).fieldErrors.name).toEqual(["validation.tooLong?max=200"]);
    expect((await db.organization.findUniqueOrThrow({ where: { id: organization.id } })).name).toBe("Comune di Prova Testi");
  });

  it("keeps letters of every language, punctuation and emoji (they are escaped on output)", async () => {
    const name = "Comune di Sankt Ulrich in Gröden / Ortisei — Urtijëi 🏔️ <b>&amp;</b>";
    const response = await call(createOrganization, formRequest("/admin/organizations/new", { name, kind: "MUNICIPALITY" }, { cookie: admin }));
    expect(response.status).toBe(302);
    expect(await db.organization.count({ where: { name } })).toBe(1);
  });
});

describe("person names, job titles and feedback", () => {
  it("refuses control characters in one's own name and job title", async () => {
    const user = await createUser();
    const cookie = await sessionCookieFor(user.id);
    const body = await failure(await call(accountAction, formRequest("/account", { name: "Anna\u0007", jobTitle: "Istruttrice\u202e", locale: "it" }, { cookie })));
    expect(body.fieldErrors.name).toEqual([CONTROL_CHARACTERS_MESSAGE]);
    expect(body.fieldErrors.jobTitle).toEqual([CONTROL_CHARACTERS_MESSAGE]);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe(user.name);
  });

  it("refuses them in a new account's name", async () => {
    const body = await failure(
      await call(newUserAction, formRequest("/admin/users/new", { email: "nuova@comune.example.it", name: "Nuova\nPersona", role: "MEMBER" }, { cookie: admin })),
    );
    expect(body.fieldErrors.name).toEqual([CONTROL_CHARACTERS_MESSAGE]);
  });

  it("keeps line breaks in a feedback message but refuses other control characters, and a name on several lines", async () => {
    const ok = await call(feedbackAction, formRequest("/feedback", { message: "Prima riga.\r\nSeconda riga.\n\tRientrata." }));
    expect(ok.status).toBe(302);
    expect((await failure(await call(feedbackAction, formRequest("/feedback", { message: "Ciao\u0000 a tutti" })))).fieldErrors.message).toEqual([CONTROL_CHARACTERS_MESSAGE]);
    expect((await failure(await call(feedbackAction, formRequest("/feedback", { message: "Ciao", name: "Anna\nRossi" })))).fieldErrors.name).toEqual([CONTROL_CHARACTERS_MESSAGE]);
  });

  it("says what is wrong in Italian and English", () => {
    expect(i18nFor("it").t(CONTROL_CHARACTERS_MESSAGE)).toMatch(/caratteri non ammessi/);
    expect(i18nFor("en").t(CONTROL_CHARACTERS_MESSAGE)).toMatch(/not allowed/);
  });
});
