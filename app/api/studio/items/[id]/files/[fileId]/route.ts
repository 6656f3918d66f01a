// PUT /api/studio/items/:id/files/:fileId — replace the file's content; PATCH — preview flag, order or lesson title; DELETE — remove it
import { z } from "zod";
import { deleteItemFile, moveItemFile, setFilePreview, setFileTitle } from "@/db/queries/studio-items";
import { catalogChanged } from "@/lib/discovery/catalog-cache";
import { apiError, readJsonInput } from "@/lib/http/json-input";
import { getStorage } from "@/lib/storage";
import { deleteLater } from "@/lib/storage/delete-later";
import { requireCreatorItem } from "@/lib/studio/current-creator";
import { fileTitleSchema } from "@/lib/studio/file-title";
import { replaceUploadedFile } from "@/lib/studio/item-files";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; fileId: string }> };

async function requireFile(params: Params["params"]) {
  const { id, fileId } = await params;
  const access = await requireCreatorItem(id);
  if (!access.ok) return access;
  const file = access.item.files.find((candidate) => candidate.id === fileId);
  if (!file) return { ok: false as const, response: apiError(404, { error: "file_not_found", message: "No such file in this item." }) };
  return { ...access, file };
}

export async function PUT(request: Request, { params }: Params) {
  const access = await requireFile(params);
  if (!access.ok) return access.response;
  const upload = await replaceUploadedFile(request, access.item, access.file);
  if (!upload.ok) return upload.response;
  catalogChanged();
  return Response.json({ id: access.file.id, name: upload.value.fileName, sha256: upload.value.sha256, sizeBytes: upload.value.sizeBytes });
}

const changes = z.strictObject({ isPreview: z.boolean().optional(), move: z.enum(["up", "down"]).optional(), title: fileTitleSchema.optional() });

const LAST_PAID_FILE = {
  error: "last_paid_file",
  message: "A published item needs a file to sell: upload another first, or unpublish the item.",
};

export async function PATCH(request: Request, { params }: Params) {
  const access = await requireFile(params);
  if (!access.ok) return access.response;
  const input = await readJsonInput(request, changes);
  if (!input.ok) return input.response;
  if (input.data.isPreview !== undefined) {
    const changed = await setFilePreview({ file: access.file, isPreview: input.data.isPreview });
    if (!changed.ok) return apiError(409, LAST_PAID_FILE);
  }
  if (input.data.title !== undefined) await setFileTitle({ fileId: access.file.id, title: input.data.title });
  if (input.data.move) await moveItemFile({ item: access.item, fileId: access.file.id, direction: input.data.move });
  catalogChanged();
  return new Response(null, { status: 204 });
}

export async function DELETE(_request: Request, { params }: Params) {
  const access = await requireFile(params);
  if (!access.ok) return access.response;
  const deleted = await deleteItemFile({ file: access.file });
  if (!deleted.ok) return apiError(409, LAST_PAID_FILE);
  catalogChanged();
  deleteLater(getStorage(), access.file.storageKey);
  return new Response(null, { status: 204 });
}
