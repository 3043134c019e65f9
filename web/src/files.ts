import type { Attachment } from './api/types'

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024

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
