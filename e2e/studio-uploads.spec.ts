import { makeWav } from "../lib/demo/wav";
import { expect, test } from "./fixtures";
import { type CreatorSession, type StudioItemJson, UPLOAD_MAX_BYTES, createItem, samplePdf, signInCreator, uploadFile } from "./support/studio";
import { answerJson, cookieHeader, sendChunked, storedObjects as objectsIn } from "./support/uploads";

function storedObjects(): string[] {
  return objectsIn(process.env.E2E_DATA_DIR!);
}

test.describe("upload and input abuse: a clear error, nothing stored", () => {
  let creator: CreatorSession;
  let item: StudioItemJson;

  test.beforeAll(async () => {
    creator = await signInCreator(process.env.E2E_STORE_URL!);
    item = await createItem(creator.api, { title: `Upload target ${Date.now()}` });
  });

  test.afterEach(async () => {
    const files = ((await (await creator.api.get(`/api/studio/items/${item.id}`)).json()) as StudioItemJson).files;
    expect(files).toEqual([]);
  });

  test("oversized files are refused with the reason, whether declared or streamed", async ({ store }) => {
    const objects = storedObjects();
    const declared = await uploadFile(creator.api, item.id, "big.pdf", new Uint8Array(UPLOAD_MAX_BYTES + 1));
    expect(declared.status()).toBe(413);
    expect(await declared.json()).toMatchObject({ error: "file_too_large", message: "Files may be at most 4.0 MB." });

    // The body grows past the limit while it streams: the answer is still the 413 with its reason,
    // not a cut connection, both a little past the limit and far past it (more than the 8 MiB the
    // server discards before answering, so the answer comes while the client is still sending).
    const url = `${store.url}/api/studio/items/${item.id}/files`;
    const cookie = await cookieHeader(creator.api);
    for (const totalBytes of [UPLOAD_MAX_BYTES + 1024 * 1024, UPLOAD_MAX_BYTES + 32 * 1024 * 1024]) {
      const streamed = await sendChunked(url, { cookie, fileName: "huge.pdf", head: Buffer.from("%PDF-1.7\n"), totalBytes });
      expect("status" in streamed && streamed.status, JSON.stringify(streamed)).toBe(413);
      expect(answerJson(streamed)).toEqual({ error: "file_too_large", message: "Files may be at most 4.0 MB." });
    }
    await expect.poll(() => storedObjects(), { timeout: 5_000 }).toEqual(objects);
  });

  test("empty files, unsafe names and disguised or unsupported content", async () => {
    const objects = storedObjects();
    const pdf = await samplePdf("named");
    const cases: [string, Uint8Array, number, string][] = [
      ["empty.pdf", new Uint8Array(0), 400, "empty_file"],
      ["../../etc/passwd.pdf", pdf, 400, "unsafe_file_name"],
      ["folder/book.pdf", pdf, 400, "unsafe_file_name"],
      ["..\\book.pdf", pdf, 400, "unsafe_file_name"],
      [".htaccess", pdf, 400, "unsafe_file_name"],
      ["book\u0000.pdf", pdf, 400, "unsafe_file_name"],
      ["con:book?.pdf", pdf, 400, "unsafe_file_name"],
      ["x".repeat(200) + ".pdf", pdf, 400, "unsafe_file_name"],
      ["page.pdf", new TextEncoder().encode("<!doctype html><script>alert(1)</script>"), 415, "unsupported_file_type"],
      ["setup.pdf", Buffer.concat([Buffer.from("7f454c46", "hex"), Buffer.alloc(64)]), 415, "unsupported_file_type"],
    ];
    for (const [name, bytes, status, error] of cases) {
      const response = await uploadFile(creator.api, item.id, name, bytes);
      expect([response.status(), (await response.json()).error], name).toEqual([status, error]);
    }
    const noName = await creator.api.post(`/api/studio/items/${item.id}/files`, { data: Buffer.from(pdf) });
    expect(noName.status()).toBe(400);
    const svgCover = await creator.api.put(`/api/studio/items/${item.id}/cover`, {
      headers: { "x-file-name": "cover.png" },
      data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    });
    expect([svgCover.status(), (await svgCover.json()).error]).toEqual([415, "unsupported_file_type"]);
    expect(storedObjects()).toEqual(objects);
  });

  test("the type comes from the content, the name must fit it, and the hash comes from the bytes", async () => {
    const wav = makeWav({ notes: [440, 660], noteSeconds: 0.1 });
    const uploaded = await uploadFile(creator.api, item.id, "Track one — ünïcode.WAV", wav);
    expect(uploaded.status()).toBe(201);
    const file = await uploaded.json();
    expect(file).toMatchObject({ name: "Track one — ünïcode.WAV", mimeType: "audio/wav", sizeBytes: wav.length });
    expect(file.sha256).toBe((await import("node:crypto")).createHash("sha256").update(wav).digest("hex"));
    expect((await creator.api.delete(`/api/studio/items/${item.id}/files/${file.id}`)).status()).toBe(204);

    const misnamed = await uploadFile(creator.api, item.id, "Track one.pdf", wav);
    expect(misnamed.status()).toBe(415);
    expect(await misnamed.json()).toMatchObject({ error: "file_extension_mismatch", message: expect.stringMatching(/audio\/wav.*\.wav/) });
  });

  test("bad prices, payouts and fields are refused field by field", async () => {
    const before = await (await creator.api.get(`/api/studio/items/${item.id}`)).json();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ price: "-1" }, "price", /cannot be negative/],
      [{ price: "1.0000001" }, "price", /6 decimals/],
      [{ price: "0" }, "price", /more than 0/],
      [{ price: "1e3" }, "price", /digits/],
      [{ price: "1000000.000001" }, "price", /at most/],
      [{ payoutAddress: "0xnope" }, "payoutAddress", /address/],
      [{ kind: "video" }, "kind", /ebook, music, course/],
      [{ title: "" }, "title", /title/],
      [{ owner: "someone" }, "body", /owner|Unrecognized/i],
    ];
    for (const [data, field, message] of cases) {
      const response = await creator.api.patch(`/api/studio/items/${item.id}`, { data });
      expect(response.status(), JSON.stringify(data)).toBe(400);
      const body = await response.json();
      expect(Object.entries(body.fields).find(([key]) => key === field || (field === "body" && key !== "price"))?.[1], JSON.stringify(data)).toMatch(message);
    }
    const created = await creator.api.post("/api/studio/items", { data: { title: "Costs too much precision", kind: "ebook", price: "0.1234567" } });
    expect(created.status()).toBe(400);
    expect(await (await creator.api.get(`/api/studio/items/${item.id}`)).json()).toEqual(before);

    const noFiles = await creator.api.patch(`/api/studio/items/${item.id}`, { data: { published: true } });
    expect([noFiles.status(), (await noFiles.json()).error]).toEqual([409, "no_files"]);
    const huge = await creator.api.post("/api/studio/items", { headers: { "content-type": "application/json" }, data: JSON.stringify({ title: "x".repeat(70_000) }) });
    expect(huge.status()).toBe(413);
  });
});
