import { randomUUID } from "node:crypto";
import { type Env, getEnv } from "@/lib/env";
import { localDiskStorage } from "./local-disk";
import { s3Storage } from "./s3";
import type { Storage } from "./storage";

export type { ByteRange, Storage, StoredObject } from "./storage";

/** The driver the configuration asks for: S3 when a bucket is set, else the local disk. */
export function storageFor(env: Pick<Env, "S3_BUCKET" | "S3_ENDPOINT" | "S3_REGION" | "STORAGE_DIR">): Storage {
  if (env.S3_BUCKET) return s3Storage({ bucket: env.S3_BUCKET, endpoint: env.S3_ENDPOINT, region: env.S3_REGION });
  return localDiskStorage(env.STORAGE_DIR);
}

let storage: Storage | undefined;

/** The configured storage driver, created on first use. */
export function getStorage(): Storage {
  storage ??= storageFor(getEnv());
  return storage;
}

/** A fresh, unguessable key for a file of an item; the extension only helps people browsing the folder. */
export function newStorageKey(prefix: "files" | "covers", fileName: string): string {
  const extension = /\.([a-z0-9]{1,8})$/i.exec(fileName)?.[1]?.toLowerCase();
  return `${prefix}/${randomUUID()}${extension ? `.${extension}` : ""}`;
}
