// A photo for a 12317 report: JPEG, PNG or WebP (the server reads the type from the content) and at
// most 2 MB; a phone's larger photo is redrawn smaller as a JPEG before it is sent.
export const REPORT_PHOTO_TYPES = 'image/jpeg,image/png,image/webp'
export const MAX_REPORT_PHOTO_BYTES = 2 * 1024 * 1024
/** The longest side of a redrawn photo: enough to read a sign or a receipt. */
const MAX_SIDE = 1600

export function isReportPhoto(file: File): boolean {
  return REPORT_PHOTO_TYPES.split(',').includes(file.type)
}

/** The photo as chosen when small enough, else redrawn as a JPEG of at most MAX_SIDE a side. */
export async function fitPhoto(file: File, maxBytes = MAX_REPORT_PHOTO_BYTES): Promise<File> {
  if (file.size <= maxBytes) return file
  const bitmap = await createImageBitmap(file)
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height))
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(bitmap.width * scale)
  canvas.height = Math.round(bitmap.height * scale)
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('canvas')
  ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
  for (const quality of [0.85, 0.7, 0.5]) {
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality))
    if (blob && blob.size <= maxBytes) {
      return new File([blob], file.name.replace(/\.\w+$/, '') + '.jpg', { type: 'image/jpeg' })
    }
  }
  throw new Error('too large')
}
