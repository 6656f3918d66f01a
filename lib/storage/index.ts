import { randomUUID } from "node:crypto";
import { getEnv } from "@/lib/env";
import { localDiskStorage } from "./local-disk";
import type { Storage } from "./storage";

export type { ByteRange, Storage, StoredObject } from "./storage";

let storage: Storage | undefined;

/** The configured storage driver, created on first use. */
export function getStorage(): Storage {
  storage ??= localDiskStorage(getEnv().STORAGE_DIR);
  return storage;
}

/** A fresh, unguessable key for a file of an item; the extension only helps people browsing the folder. */
export function newStorageKey(prefix: "files" | "covers", fileName: string): string {
  const extension = /\.([a-z0-9]{1,8})$/i.exec(fileName)?.[1]?.toLowerCase();
  return `${prefix}/${randomUUID()}${extension ? `.${extension}` : ""}`;
}
