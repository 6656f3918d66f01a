import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { eq } from "drizzle-orm";
import { openDatabase, pgliteDir } from "../db/client";
import { items } from "../db/schema";
import { type StartedStore, startStore, stopStore } from "../lib/testing/store-process";
import { expect, test } from "./fixtures";
import { createItem, samplePdf, signInCreator, uploadFile } from "./support/studio";
import { storeLog, storedObjects } from "./support/uploads";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

test("when the server starts, drafts that never got a file and are older than EMPTY_DRAFT_MAX_AGE_HOURS go, with their covers", async () => {
  test.setTimeout(240_000);
  // A store of its own (embedded database); the session secret survives the restart, so does the sign-in.
  const env = { DATABASE_URL: "", SESSION_SECRET: randomBytes(32).toString("hex") };
  let store: StartedStore = await startStore(env);
  try {
    const creator = await signInCreator(store.url);
    const empty = await createItem(creator.api, { title: "Never got a file" });
    const covered = await createItem(creator.api, { title: "Only a cover" });
    const objectsBeforeCover = storedObjects(store.dataDir);
    expect((await creator.api.put(`/api/studio/items/${covered.id}/cover`, { headers: { "x-file-name": "cover.png" }, data: PNG })).status()).toBe(200);
    const cover = storedObjects(store.dataDir).filter((entry) => !objectsBeforeCover.includes(entry));
    expect(cover).toEqual([expect.stringMatching(/^covers\/.+\.png$/)]);
    const withFile = await createItem(creator.api, { title: "Has a file" });
    expect((await uploadFile(creator.api, withFile.id, "book.pdf", await samplePdf("kept"))).status()).toBe(201);
    const young = await createItem(creator.api, { title: "Empty but young" });
    await stopStore(store, { keepDataDir: true });

    // Eight days pass for all but the young draft (the default age limit is 168 hours).
    const database = openDatabase({ dataDir: pgliteDir(store.dataDir) });
    await database.db.update(items).set({ createdAt: new Date(Date.now() - 8 * 86_400_000) });
    await database.db.update(items).set({ createdAt: new Date() }).where(eq(items.id, young.id));
    await database.close();

    const objectsBeforeRestart = storedObjects(store.dataDir);
    store = await startStore(env, { dataDir: store.dataDir });
    await expect.poll(() => storeLog(store.dataDir), { timeout: 30_000 }).toContain("removed 2 empty drafts older than 168 h");
    const status = async (id: string) => (await creator.api.get(`${store.url}/api/studio/items/${id}`)).status();
    expect([await status(empty.id), await status(covered.id), await status(withFile.id), await status(young.id)]).toEqual([404, 404, 200, 200]);
    // The cover went with its draft; everything else stays.
    expect(storedObjects(store.dataDir)).toEqual(objectsBeforeRestart.filter((entry) => entry !== cover[0]));
  } finally {
    await stopStore(store);
    rmSync(store.dataDir, { recursive: true, force: true });
  }
});
