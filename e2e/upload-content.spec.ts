import { expect, test } from "./fixtures";
import { type CreatorSession, type StudioItemJson, createItem, samplePdf, signInCreator, uploadFile } from "./support/studio";
import { answerJson, cookieHeader, sendChunked, storeLog, storedObjects } from "./support/uploads";

const text = (value: string) => new TextEncoder().encode(value);
/** Ten kilobytes of honest prose: more than the first bytes the type is sniffed from. */
const PROSE = "Lesson notes. Sign the authorization, then wait for the receipt; 3 < 4 and <3 are fine.\n".repeat(120);
const ELF = Buffer.concat([Buffer.from("7f454c46020101000000000000000000", "hex"), Buffer.alloc(1024 * 1024 - 16)]);

function utf16(value: string, order: "le" | "be", bom: boolean): Buffer {
  const le = Buffer.from(value, "utf16le");
  const bytes = order === "le" ? le : Buffer.from(le.map((_, index) => le[index ^ 1]));
  return bom ? Buffer.concat([Buffer.from(order === "le" ? [0xff, 0xfe] : [0xfe, 0xff]), bytes]) : bytes;
}

test.describe("uploads cannot disguise their names or contents: a reason, nothing stored", () => {
  let creator: CreatorSession;
  let item: StudioItemJson;
  let objects: string[];

  test.beforeAll(async () => {
    creator = await signInCreator(process.env.E2E_STORE_URL!);
    item = await createItem(creator.api, { title: `Disguise target ${Date.now()}` });
  });

  test.beforeEach(() => {
    objects = storedObjects(process.env.E2E_DATA_DIR!);
  });

  test.afterEach(async () => {
    const files = ((await (await creator.api.get(`/api/studio/items/${item.id}`)).json()) as StudioItemJson).files;
    expect(files).toEqual([]);
    await expect.poll(() => storedObjects(process.env.E2E_DATA_DIR!), { timeout: 5_000 }).toEqual(objects);
  });

  async function expectRefused(name: string, bytes: Uint8Array, status: number, error: string, message: RegExp) {
    const response = await uploadFile(creator.api, item.id, name, bytes);
    const body = await response.json();
    expect([response.status(), body.error], JSON.stringify(name)).toEqual([status, error]);
    expect(body.message, JSON.stringify(name)).toMatch(message);
  }

  test("names with bidi overrides or invisible characters are refused", async () => {
    const pdf = await samplePdf("bidi");
    // Shown as "invoiceexe.pdf" by most file managers; it is an .exe name.
    for (const name of ["invoice\u202Efdp.exe", "invoice\u202Efdp.pdf", "book\u200B.pdf", "\uFEFFbook.pdf", "book.pdf\u2066", "book\u061C.pdf"]) {
      await expectRefused(name, pdf, 400, "unsafe_file_name", /invisible formatting characters/);
    }
  });

  test("the name must fit the content: text named as a script, page or PDF, a PDF named as a program", async () => {
    const script = text("echo off\r\ndel /q C:\\Users\\*\r\n");
    for (const name of ["run.js", "run.bat", "page.html", "page.htm", "drawing.svg", "run.cmd", "run.ps1", "notes", "notes.txt.exe", "report.pdf"]) {
      await expectRefused(name, script, 415, "file_extension_mismatch", /text\/plain.*\.txt, \.text, \.md/);
    }
    const pdf = await samplePdf("named as a program");
    for (const name of ["book.exe", "book.txt", "book.html", "book"]) {
      await expectRefused(name, pdf, 415, "file_extension_mismatch", /application\/pdf.*\.pdf/);
    }
  });

  test("markup anywhere in a text file is refused, and so are binary tails and UTF-16 text", async () => {
    const cases: [string, Uint8Array, RegExp][] = [
      ["late-script.txt", text(`${PROSE}<script>alert(document.cookie)</script>`), /markup at byte 10560/],
      ["late-svg.md", text(`${PROSE}${PROSE}<svg onload=alert(1)>`), /markup at byte 21120/],
      ["late-doctype.csv", text(`${PROSE}<!doctype html>`), /markup/],
      ["late-xml.txt", text(`${PROSE}<?xml version="1.0"?>`), /markup/],
      ["late-end-tag.txt", text(`${PROSE}</title><img src=x onerror=alert(1)>`), /markup/],
      // 200 KB of text, then a program (its header's first NUL is its 8th byte): past what one network read brings.
      ["tail.txt", Buffer.concat([text(PROSE.repeat(20)), ELF.subarray(0, 4096)]), /not plain UTF-8 text from byte 211207/],
      ["utf16-le-bom.txt", utf16("<html><script>alert(1)</script></html>", "le", true), /UTF-16/],
      ["utf16-be-bom.txt", utf16("plain words only", "be", true), /UTF-16/],
      ["utf16-le.txt", utf16("<html><body onload=alert(1)>notes</body></html>", "le", false), /UTF-16/],
      ["utf16-be.txt", utf16(`Notes in UTF-16. ${"words ".repeat(50)}`, "be", false), /UTF-16/],
    ];
    for (const [name, bytes, message] of cases) await expectRefused(name, bytes, 415, "unsupported_file_type", message);
  });

  test("plain text with a lone '<' is still text", async () => {
    const notes = text(`${PROSE}x<1, a <= b, 2 <3\n`);
    const uploaded = await uploadFile(creator.api, item.id, "Notes.md", notes);
    expect(uploaded.status()).toBe(201);
    const file = await uploaded.json();
    expect(file).toMatchObject({ mimeType: "text/plain", sizeBytes: notes.length });
    expect((await creator.api.delete(`/api/studio/items/${item.id}/files/${file.id}`)).status()).toBe(204);
    // The deleted file's object goes after the grace period for running downloads: not part of this check.
    objects = storedObjects(process.env.E2E_DATA_DIR!);
  });

  test("a refused upload gets its reason while the body is still arriving, from every client, and the server logs no error", async ({ store }) => {
    const logBefore = storeLog(process.env.E2E_DATA_DIR!).length;
    const url = `${store.url}/api/studio/items/${item.id}/files`;
    const reason = { error: "unsupported_file_type", message: expect.stringContaining("not accepted") };

    const viaPlaywright = await uploadFile(creator.api, item.id, "program.pdf", ELF);
    expect(viaPlaywright.status()).toBe(415);
    expect(await viaPlaywright.json()).toEqual(reason);

    const cookie = await cookieHeader(creator.api);
    const viaFetch = await fetch(url, { method: "POST", headers: { cookie, "x-file-name": "program.pdf" }, body: ELF });
    expect(viaFetch.status).toBe(415);
    expect(await viaFetch.json()).toEqual(reason);

    const chunked = await sendChunked(url, { cookie, fileName: "program.pdf", head: ELF, totalBytes: 3 * 1024 * 1024 });
    expect(answerJson(chunked)).toEqual(reason);

    const lateMarkup = await sendChunked(url, { cookie, fileName: "notes.txt", head: Buffer.from(`${PROSE}<iframe src=//evil>`), totalBytes: 2 * 1024 * 1024 });
    expect(answerJson(lateMarkup)).toEqual({ error: "unsupported_file_type", message: expect.stringMatching(/markup/) });

    const log = storeLog(process.env.E2E_DATA_DIR!).slice(logBefore);
    expect(log).not.toMatch(/uncaughtException|unhandledRejection|Error:|⨯/);
  });

  test("the studio page shows the reason of an upload refused mid-stream (Chromium's XMLHttpRequest)", async ({ page }) => {
    await page.context().addCookies((await creator.api.storageState()).cookies);
    await page.goto(`/studio/items/${item.id}`);
    const alert = page.getByTestId("file-manager").getByRole("alert");
    await page.getByTestId("upload-input").setInputFiles({ name: "program.pdf", mimeType: "application/pdf", buffer: Buffer.concat([ELF, ELF, ELF]) });
    await expect(alert).toHaveText(/^program\.pdf: This kind of file is not accepted/);
    await page.getByTestId("upload-input").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.concat([Buffer.from(`${PROSE}<script>`), Buffer.alloc(2 * 1024 * 1024, 0x20)]) });
    await expect(alert).toHaveText(/^notes\.txt: This text contains markup at byte 10560/);
  });
});
