import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { hashingMeter } from "./hashing-meter";
import type { Storage } from "./storage";

export type S3StorageOptions = {
  bucket: string;
  region: string;
  /** An S3-compatible endpoint (MinIO, R2, …); addressed path-style. Unset means AWS itself. */
  endpoint?: string;
  /** Only for tests; in production the SDK's credential chain reads AWS_ACCESS_KEY_ID etc. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
};

/** Stores objects in an S3 bucket. Uploads stream as multipart parts; nothing is held whole in memory. */
export function s3Storage(options: S3StorageOptions): Storage {
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: Boolean(options.endpoint),
    credentials: options.credentials,
  });
  const Bucket = options.bucket;

  return {
    async put(key, body) {
      const meter = hashingMeter();
      const source = body instanceof Readable ? body : Readable.from([Buffer.from(body)]);
      // S3 only creates the object when the upload completes, so a failed upload leaves nothing.
      const upload = new Upload({ client, params: { Bucket, Key: key, Body: meter.stream }, queueSize: 2 });
      await Promise.all([pipeline(source, meter.stream), upload.done()]).catch(async (error) => {
        await upload.abort().catch(() => undefined);
        throw error;
      });
      return meter.result();
    },

    async read(key, range) {
      const object = await client.send(
        new GetObjectCommand({ Bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
      );
      if (!(object.Body instanceof Readable)) throw new Error(`S3 returned no body for ${key}`);
      return object.Body;
    },

    async size(key) {
      const head = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
      return head.ContentLength ?? 0;
    },

    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
  };
}
