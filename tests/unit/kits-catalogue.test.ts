// The kit catalogue (SPEC.md "Kits" and "Kit contents beyond training") and enrolment calendar days.
import { ENTITLEMENT_INFO, ENTITLEMENTS, higherKits, KIT_CATALOGUE, KITS, kitsGranting, kitServices, MICRO_SERVICE_INFO, MICRO_SERVICES } from "~/modules/kits/catalogue.ts";
import { addMonthsToDay, calendarDaysBetween, isCalendarDay, romeDayStart } from "~/lib/dates.ts";
import { dueNotice } from "~/modules/enrolment/expiry.server.ts";

describe("kit catalogue", () => {
  it("has the three kits with the seed's durations and pathways", () => {
    expect(KITS).toEqual(["BASIC", "INTERMEDIATE", "PLUS"]);
    expect(KITS.map((kit) => KIT_CATALOGUE[kit].durationMonths)).toEqual([4, 6, 9]);
    expect(KITS.map((kit) => KIT_CATALOGUE[kit].webinarCount)).toEqual([1, 1, 2]);
    expect(KIT_CATALOGUE.BASIC.pathway.it).toMatch(/^Percorso 1/);
    expect(KIT_CATALOGUE.PLUS.pathway.en).toMatch(/^Pathway 3/);
  });

  it("grants lab from INTERMEDIATE up, community and surveys only with PLUS", () => {
    expect(kitsGranting("webinars")).toEqual(["BASIC", "INTERMEDIATE", "PLUS"]);
    expect(kitsGranting("recordings")).toEqual(["BASIC", "INTERMEDIATE", "PLUS"]);
    expect(kitsGranting("lab")).toEqual(["INTERMEDIATE", "PLUS"]);
    expect(kitsGranting("community")).toEqual(["PLUS"]);
    expect(kitsGranting("surveys")).toEqual(["PLUS"]);
  });

  it("bundles the seed's OpenPA micro-services, each kit including the one below", () => {
    expect(kitServices("BASIC")).toEqual(["OpenCity", "OpenNewsletter", "OpenTrasparenza", "OpenDati"]);
    expect(kitServices("INTERMEDIATE")).toEqual([...kitServices("BASIC"), "OpenUfficioStampa", "OpenAgenda", "SpaziComuni"]);
    expect(kitServices("PLUS")).toEqual([...kitServices("INTERMEDIATE"), "OpenConsultazioni", "OpenSegnalazioni"]);
  });

  it("upgrades only upwards", () => {
    expect(higherKits("BASIC")).toEqual(["INTERMEDIATE", "PLUS"]);
    expect(higherKits("INTERMEDIATE")).toEqual(["PLUS"]);
    expect(higherKits("PLUS")).toEqual([]);
  });

  it("describes every entitlement and service in Italian and English", () => {
    for (const entitlement of ENTITLEMENTS) {
      const info = ENTITLEMENT_INFO[entitlement];
      expect(info.label.it && info.label.en && info.description.it && info.description.en).toBeTruthy();
      // A link only once the page exists; then it is a path on this site.
      if (info.href !== undefined) expect(info.href).toMatch(/^\//);
    }
    for (const service of MICRO_SERVICES) {
      const info = MICRO_SERVICE_INFO[service];
      expect(info.description.it).not.toBe(info.description.en);
    }
  });
});

describe("enrolment calendar (Europe/Rome)", () => {
  it("adds calendar months, keeping the day or the month's last day", () => {
    expect(addMonthsToDay("2026-01-15", 4)).toBe("2026-05-15");
    expect(addMonthsToDay("2026-10-31", 4)).toBe("2027-02-28");
    expect(addMonthsToDay("2027-08-31", 6)).toBe("2028-02-29");
    expect(addMonthsToDay("2026-05-31", 9)).toBe("2027-02-28");
  });

  it("starts a day at midnight in Rome, in winter and in summer", () => {
    expect(romeDayStart("2026-01-15").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(romeDayStart("2026-07-15").toISOString()).toBe("2026-07-14T22:00:00.000Z");
    expect(romeDayStart("2026-03-29").toISOString()).toBe("2026-03-28T23:00:00.000Z"); // clocks go forward at 02:00
    expect(romeDayStart("2026-10-25").toISOString()).toBe("2026-10-24T22:00:00.000Z"); // clocks go back at 03:00
  });

  it("checks dates strictly", () => {
    expect(isCalendarDay("2028-02-29")).toBe(true);
    expect(isCalendarDay("2026-02-29")).toBe(false);
    expect(isCalendarDay("15/01/2026")).toBe(false);
  });

  it("counts days left in Rome's calendar", () => {
    const end = romeDayStart("2026-05-15");
    expect(calendarDaysBetween(new Date("2026-05-14T21:30:00Z"), end)).toBe(1); // 23:30 in Rome on the 14th
    expect(calendarDaysBetween(new Date("2026-05-14T22:30:00Z"), end)).toBe(0); // 00:30 on the 15th
    expect(calendarDaysBetween(new Date("2026-04-15T08:00:00Z"), end)).toBe(30);
  });
});

describe("expiry notices", () => {
  const end = romeDayStart("2026-06-30");
  const base = { id: "e1", endsAt: end, expiryNotice30At: null as Date | null, expiryNotice7At: null as Date | null };
  const at = (day: string) => new Date(`${day}T08:00:00Z`);

  it("sends the 30-day notice in the last 30 days and the 7-day one in the last week, each once", () => {
    expect(dueNotice(base, at("2026-05-30"))).toBeNull(); // 31 days
    expect(dueNotice(base, at("2026-05-31"))).toMatchObject({ days: 30, daysLeft: 30 });
    expect(dueNotice({ ...base, expiryNotice30At: new Date() }, at("2026-06-10"))).toBeNull();
    expect(dueNotice({ ...base, expiryNotice30At: new Date() }, at("2026-06-23"))).toMatchObject({ days: 7, daysLeft: 7 });
    expect(dueNotice({ ...base, expiryNotice30At: new Date(), expiryNotice7At: new Date() }, at("2026-06-28"))).toBeNull();
    expect(dueNotice(base, at("2026-07-01"))).toBeNull(); // ended
  });
});
