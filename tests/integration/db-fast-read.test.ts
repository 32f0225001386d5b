// The fast read path (app/lib/db/fast-read.server.ts, decision 0029) on the suite's database, SQLite
// or PostgreSQL: it must read back exactly what Prisma wrote, as Prisma would hand it to the caller.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { fastRead, sql } from "~/lib/db/fast-read.server.ts";
import { createUser } from "../helpers/fixtures.ts";

type UserRow = { id: string; name: string; isOrganizationManager: boolean; createdAt: Date; disabledAt: Date | null };

describe("fast read path", () => {
  it("reads a row a Prisma transaction has just committed, with dates, booleans and numbers as Prisma gives them", async () => {
    const createdAt = new Date("2026-03-14T09:26:53.589Z");
    const user = await db.$transaction(async (tx) => {
      const organization = await tx.organization.create({ data: { name: "Comune di Prova", kind: "MUNICIPALITY" } });
      return tx.user.create({ data: { email: "fresh@comune.example.it", name: "Fresca", organizationId: organization.id, isOrganizationManager: true, createdAt } });
    });
    const row = await fastRead().one<UserRow & { answer: number }>(
      sql`SELECT "id", "name", "isOrganizationManager", "createdAt", "disabledAt", 41 + 1 AS "answer" FROM "User" WHERE "id" = ${user.id}`,
    );
    expect(row).toEqual({ id: user.id, name: "Fresca", isOrganizationManager: true, createdAt, disabledAt: null, answer: 42 });
    const count = await fastRead().one<{ n: number }>(sql`SELECT COUNT(*) AS "n" FROM "User" WHERE "id" = ${user.id}`);
    expect(count).toEqual({ n: 1 });
  });

  it("binds values as parameters: quotes and SQL in a value are only text", async () => {
    const name = `L'Aquila "centro"; DROP TABLE "User"; --`;
    const user = await createUser({ name });
    const rows = await fastRead().all<{ id: string; name: string }>(sql`SELECT "id", "name" FROM "User" WHERE "name" = ${name}`);
    expect(rows).toEqual([{ id: user.id, name }]);
    expect(await db.user.count()).toBeGreaterThan(0);
  });

  it("expands a list for IN, and refuses an empty one with a clear error", async () => {
    const [a, b, c] = [await createUser({ name: "Anna" }), await createUser({ name: "Bruno" }), await createUser({ name: "Carla" })];
    const rows = await fastRead().all<{ name: string }>(sql`SELECT "name" FROM "User" WHERE "id" IN (${[a.id, c.id]}) AND "name" <> ${b.name} ORDER BY "name"`);
    expect(rows.map((row) => row.name)).toEqual(["Anna", "Carla"]);
    await expect(fastRead().all(sql`SELECT "name" FROM "User" WHERE "id" IN (${[]})`)).rejects.toThrow(/empty list/);
  });

  it("compares a Date parameter with stored dates the way Prisma does (to the millisecond)", async () => {
    const at = new Date("2026-05-01T10:00:00.250Z");
    const user = await createUser({ createdAt: at });
    const since = (from: Date) => fastRead().all<{ id: string }>(sql`SELECT "id" FROM "User" WHERE "id" = ${user.id} AND "createdAt" >= ${from}`);
    expect(await since(at)).toHaveLength(1);
    expect(await since(new Date(at.getTime() + 1))).toHaveLength(0);
    expect(await db.user.count({ where: { id: user.id, createdAt: { gte: new Date(at.getTime() + 1) } } })).toBe(0);
  });

  it("sees a write only once Prisma's transaction commits, and is not blocked while it runs", async () => {
    const user = await createUser({ name: "Prima" });
    const nameNow = async () => (await fastRead().one<{ name: string }>(sql`SELECT "name" FROM "User" WHERE "id" = ${user.id}`))?.name;
    await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { name: "Dopo" } });
      expect(await nameNow()).toBe("Prima");
    });
    expect(await nameNow()).toBe("Dopo");
  });

  it("refuses to write", async () => {
    const user = await createUser({ name: "Intatta" });
    await expect(fastRead().all(sql`UPDATE "User" SET "name" = ${"Cambiata"} WHERE "id" = ${user.id}`)).rejects.toThrow();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Intatta");
  });
});
