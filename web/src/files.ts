import type { Attachment } from './api/types'

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
/** The API takes at most this many files with one receipt. */
export const MAX_ATTACHMENTS = 4

/** The message key of what is wrong with the chosen files, or null when they may be sent. */
export function attachmentsProblem(files: File[]): string | null {
  if (files.length === 0) return 'errors.required'
  if (files.length > MAX_ATTACHMENTS) return 'errors.tooManyFiles'
  if (files.some((file) => file.size > MAX_ATTACHMENT_BYTES)) return 'errors.fileTooLarge'
  return null
}

/** Reads a chosen file into the API's attachment shape (base64 without the data: prefix). */
export function toAttachment(file: File): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onerror = () => reject(reader.error)
    reader.onload = () => {
      const url = String(reader.result)
      const comma = url.indexOf(',')
      resolve({
        name: file.name,
        contentType: file.type || 'application/octet-stream',
        dataBase64: comma >= 0 ? url.slice(comma + 1) : url,
      })
    }
    reader.readAsDataURL(file)
  })
}

/** Saves bytes read behind the token (a workbook, a dump, a schema) as a file the person keeps. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Opens bytes read behind the token (an evidence photo, a PDF) in a new tab. */
export function openBlob(blob: Blob): void {
  const url = URL.createObjectURL(blob)
  window.open(url, '_blank', 'noopener')
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
