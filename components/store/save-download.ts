/** A downloaded file held in the page, so it can be saved again if the first save is interrupted. */
export type DownloadedFile = { url: string; fileName: string; size: number };

function fileNameOf(response: Response, fallback: string) {
  const header = response.headers.get("content-disposition") ?? "";
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (utf8) return decodeURIComponent(utf8);
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/** Reads a download with progress (0–1, or null when the size is unknown), then hands it to the browser. */
export async function readDownload(
  response: Response,
  fallbackName: string,
  onProgress: (fraction: number | null) => void,
): Promise<DownloadedFile> {
  const total = Number(response.headers.get("content-length")) || 0;
  const reader = response.body?.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value as Uint8Array<ArrayBuffer>);
      received += value.length;
      onProgress(total ? received / total : null);
    }
  }
  const blob = new Blob(chunks, { type: response.headers.get("content-type") ?? "application/octet-stream" });
  return { url: URL.createObjectURL(blob), fileName: fileNameOf(response, fallbackName), size: blob.size };
}

export function saveFile(file: DownloadedFile) {
  const link = document.createElement("a");
  link.href = file.url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
}
