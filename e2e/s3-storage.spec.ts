import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { readDevnetFile } from "../lib/devnet/devnet-file";
import { type IsolatedDatabase, isolatedDatabase } from "../lib/testing/isolated-database";
import { NO_RATE_LIMITS, type StartedStore, startStore, stopStore } from "../lib/testing/store-process";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { fundFreshBuyers } from "./support/chain";
import { publishedItem, signInCreator } from "./support/studio";
import { readZip } from "./support/zip";

// s3rver speaks the S3 protocol on 127.0.0.1 with fixed development credentials; the store reaches it
// through the AWS SDK exactly as it would reach AWS, MinIO or R2.
const CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
const BUCKET = "storefront-e2e";

test.describe("a store whose files live in S3", () => {
  let s3: S3rver;
  let client: S3Client;
  let s3Dir: string;
  let store: StartedStore;
  let database: IsolatedDatabase;

  test.beforeAll(async ({}, testInfo) => {
    testInfo.setTimeout(120_000);
    s3Dir = mkdtempSync(path.join(tmpdir(), "storefront-s3-e2e-"));
    s3 = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: s3Dir });
    const { port } = (await s3.run()) as { port: number };
    const endpoint = `http://127.0.0.1:${port}`;
    client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials: CREDENTIALS });
    await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    // A database of its own: on PostgreSQL in the suite's PostgreSQL pass, else PGlite.
    database = await isolatedDatabase();
    store = await startStore({
      ...NO_RATE_LIMITS,
      DATABASE_URL: database.url,
      S3_BUCKET: BUCKET,
      S3_ENDPOINT: endpoint,
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    });
  });
  test.afterAll(async () => {
    await stopStore(store);
    await database.drop();
    client.destroy();
    await s3.close();
    rmSync(s3Dir, { recursive: true, force: true });
  });

  test("the seeded catalog, a creator's upload and the paid downloads all go through the bucket", async () => {
    const objects = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect(objects.Contents?.some((object) => object.Key?.startsWith("files/"))).toBe(true);
    expect(objects.Contents?.some((object) => object.Key?.startsWith("covers/"))).toBe(true);

    const devnet = readDevnetFile(store.dataDir);
    const [buyer] = await fundFreshBuyers(devnet, 1, 20_000_000n);
    const paying = createPayingFetch({ signer: buyer, network: devnet.network, asset: devnet.usdc, maxAtomicPerPayment: 10_000_000n });
    const catalog = (await (await fetch(`${store.url}/api/catalog`)).json()) as { items: { slug: string; downloadUrl: string; files: { name: string; sha256: string }[] }[] };
    const ebook = catalog.items.find((item) => item.slug === "the-gasless-economy")!;
    const bought = await paying(ebook.downloadUrl);
    expect(bought.status).toBe(200);
    expect(createHash("sha256").update(Buffer.from(await bought.arrayBuffer())).digest("hex")).toBe(ebook.files[0].sha256);
    const course = catalog.items.find((item) => item.slug === "typed-data-from-scratch")!;
    const zip = await paying(course.downloadUrl);
    expect([zip.status, zip.headers.get("content-type")]).toEqual([200, "application/zip"]);
    const zipBytes = Buffer.from(await zip.arrayBuffer());
    expect(Number(zip.headers.get("content-length"))).toBe(zipBytes.length);
    expect(readZip(zipBytes).map((entry) => [entry.name, entry.sha256])).toEqual(course.files.map((file) => [file.name, file.sha256]));
    expect((await fetch(`${store.url}/api/covers/${ebook.slug}`)).status).toBe(200);

    const creator = await signInCreator(store.url);
    const { item, pdf } = await publishedItem(creator.api, { price: "0.5" });
    const uploaded = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "files/" }));
    expect(uploaded.Contents?.length).toBeGreaterThan(objects.Contents!.filter((object) => object.Key!.startsWith("files/")).length);
    const sold = await paying(`${store.url}/api/download/${item.slug}`);
    expect(sold.status).toBe(200);
    expect(Buffer.from(await sold.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
  });
});
