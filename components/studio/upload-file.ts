/** What an upload came back with. */
export type UploadOutcome = { ok: true } | { ok: false; message: string };

/**
 * Sends one file as the raw request body (the server streams it to storage) with its name in
 * `x-file-name`. XMLHttpRequest, because fetch cannot report upload progress.
 */
export function uploadFile(options: {
  method: "POST" | "PUT";
  url: string;
  file: File;
  onProgress: (loadedBytes: number, totalBytes: number) => void;
}): Promise<UploadOutcome> {
  const { method, url, file, onProgress } = options;
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open(method, url);
    request.setRequestHeader("x-file-name", encodeURIComponent(file.name));
    request.setRequestHeader("content-type", "application/octet-stream");
    request.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) return resolve({ ok: true });
      let message = `The store answered ${request.status}.`;
      try {
        message = (JSON.parse(request.responseText) as { message?: string }).message ?? message;
      } catch {
        // Not JSON: keep the status line.
      }
      resolve({ ok: false, message });
    };
    request.onerror = () => resolve({ ok: false, message: "The upload broke off; check your connection and try again." });
    request.send(file);
  });
}
