// The demo webinars: past, live now and upcoming, with registrations for the demo accounts; running
// the seed twice changes nothing (seat counters recounted, no duplicate rows).
import { db } from "~/lib/db.server.ts";
import { seed } from "../../prisma/seed.ts";

it("seeds past, live and upcoming webinars with registrations, idempotently", async () => {
  await seed();
  await seed();
  const webinars = await db.webinar.findMany({ where: { slug: { startsWith: "demo-" } }, include: { registrations: true, roles: true, audienceKits: true } });
  expect(webinars.map((webinar) => webinar.status).sort()).toEqual(["ENDED", "LIVE", "SCHEDULED", "SCHEDULED", "SCHEDULED"]);
  for (const webinar of webinars) {
    expect(webinar.registeredCount).toBe(webinar.registrations.filter((registration) => registration.status === "REGISTERED").length);
    expect(webinar.roles.length).toBeGreaterThan(0);
  }
  const live = webinars.find((webinar) => webinar.status === "LIVE")!;
  expect(live.startsAt.getTime()).toBeLessThan(Date.now());
  const full = webinars.find((webinar) => webinar.capacity === 2)!;
  expect(full.registrations.map((registration) => registration.status).sort()).toEqual(["REGISTERED", "REGISTERED", "WAITLISTED"]);
  expect(webinars.find((webinar) => webinar.audience === "PUBLIC")).toBeDefined();
  expect(webinars.some((webinar) => webinar.audienceKits.length === 1 && webinar.audienceKits[0].kit === "PLUS")).toBe(true);
});
