import { db } from "~/lib/db.server.ts";
import * as feedback from "~/routes/feedback.tsx";
import * as inbox from "~/routes/admin.feedback.tsx";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, formRequest, getRequest } from "../helpers/requests.ts";

describe("feedback form", () => {
  it("stores a visitor's message and returns to the page it was about", async () => {
    const response = await call(feedback.action, formRequest("/feedback", { name: "Rita", email: "Rita@Comune.example.it", page: "/accessibility", message: "Il contrasto del piè di pagina è basso." }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/accessibility");
    const stored = await db.feedback.findFirstOrThrow();
    expect(stored).toMatchObject({ name: "Rita", email: "rita@comune.example.it", message: "Il contrasto del piè di pagina è basso." });
  });

  it("keeps what was typed and explains the problem when the message is missing or the email is wrong", async () => {
    const before = await db.feedback.count();
    const response = await call(feedback.action, formRequest("/feedback", { name: "Rita", email: "rita@", message: "  " }));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.fieldErrors).toEqual({ email: ["validation.email"], message: ["validation.required"] });
    expect(body.values.name).toBe("Rita");
    expect(await db.feedback.count()).toBe(before);
  });

  it("is read by admins only", async () => {
    await db.feedback.create({ data: { message: "Grazie!", createdAt: new Date(Date.now() + 60_000) } });
    const member = await createUser();
    const admin = await createUser({ role: "ADMIN" });
    expect((await call(inbox.loader, getRequest("/admin/feedback", { cookie: await sessionCookieFor(member.id) }))).status).toBe(403);
    expect((await call(inbox.loader, getRequest("/admin/feedback"))).status).toBe(302);
    const page = await (await call(inbox.loader, getRequest("/admin/feedback", { cookie: await sessionCookieFor(admin.id) }))).json();
    // Newest first.
    expect(page.items[0].message).toBe("Grazie!");
  });
});
