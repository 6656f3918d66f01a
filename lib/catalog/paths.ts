/** The store's public URLs for an item, in one place so pages, the API and tests agree. */
export const itemPath = (slug: string) => `/items/${encodeURIComponent(slug)}`;
export const creatorPath = (handle: string) => `/creators/${encodeURIComponent(handle)}`;
export const coverPath = (slug: string) => `/api/covers/${encodeURIComponent(slug)}`;
export const previewPath = (slug: string) => `/api/preview/${encodeURIComponent(slug)}`;
/** The paid download: the URL that answers 402 until paid. */
export const downloadPath = (slug: string) => `/api/download/${encodeURIComponent(slug)}`;
/** A creator's avatar; `version` (the profile's last change) makes a new upload a new URL for caches. */
export const avatarPath = (handle: string, version?: Date) => `/api/avatars/${encodeURIComponent(handle)}${version ? `?v=${version.getTime()}` : ""}`;
