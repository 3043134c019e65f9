// What someone who reports without an account takes away (a 12317 report, a household's own
// hardship report): the tracking number and the secret, easy to keep — copied, in a QR code that
// opens the tracking page with both, or saved as one picture. The secret goes in the address's
// fragment (after #), which a browser never sends to a server, so no log ever holds it.
import QRCode from 'qrcode'

type Translate = (key: string, values?: Record<string, unknown>) => string

/** The tracking page ({@code path}) with the number filled in and the secret in the fragment. */
export function trackUrl(origin: string, path: string, trackingNumber: string, secret: string): string {
  return `${origin}${path}?n=${encodeURIComponent(trackingNumber)}#${encodeURIComponent(secret)}`
}

/** A tracking slip, its words already in the reader's language. */
export interface Slip {
  heading: string
  numberLabel: string
  secretLabel: string
  dueLabel: string
  due: string
  trackingNumber: string
  secret: string
  url: string
}

/** Both, as one text to paste somewhere safe. */
export function keepsakeText(k: Slip): string {
  return `${k.heading}\n${k.numberLabel}：${k.trackingNumber}\n${k.secretLabel}：${k.secret}`
}

/** The secret a tracking link carried in its fragment ("#…"), or '' when none. */
export function secretFromHash(hash: string): string {
  if (!hash || hash.length < 2) return ''
  try {
    return decodeURIComponent(hash.slice(1))
  } catch {
    return ''
  }
}

/** Copies text to the clipboard; false when the browser would not. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // fall through to the older way (an http page, a browser without the clipboard API)
  }
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  document.body.appendChild(area)
  area.select()
  try {
    return document.execCommand('copy')
  } catch {
    return false
  } finally {
    area.remove()
  }
}

export function qrDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, { width: 240, margin: 1, errorCorrectionLevel: 'M' })
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('image'))
    img.src = src
  })
}

/** Breaks a long line (the 43-character secret) into lines that fit the width. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const ch of text) {
    if (ctx.measureText(line + ch).width > width && line) {
      lines.push(line)
      line = ch
    } else {
      line += ch
    }
  }
  if (line) lines.push(line)
  return lines
}

/** One picture with everything needed to follow the report: title, number, secret, due date, QR. */
export async function keepsakePng(k: Slip, t: Translate): Promise<string> {
  const canvas = document.createElement('canvas')
  canvas.width = 640
  canvas.height = 860
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('canvas')
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  ctx.fillStyle = '#c8161d'
  ctx.font = 'bold 30px sans-serif'
  ctx.fillText(k.heading, 40, 64)
  ctx.fillStyle = '#303133'
  let y = 120
  for (const [label, value, mono] of [
    [k.numberLabel, k.trackingNumber, false],
    [k.secretLabel, k.secret, true],
    [k.dueLabel, k.due, false],
  ] as const) {
    ctx.font = '20px sans-serif'
    ctx.fillText(label, 40, y)
    y += 36
    ctx.font = mono ? 'bold 24px monospace' : 'bold 26px sans-serif'
    for (const line of wrap(ctx, value, 560)) {
      ctx.fillText(line, 40, y)
      y += 34
    }
    y += 18
  }
  const qr = await loadImage(await qrDataUrl(k.url))
  ctx.drawImage(qr, 40, y, 240, 240)
  ctx.font = '18px sans-serif'
  ctx.fillStyle = '#606266'
  const note = wrap(ctx, t('keep.qrNote'), 300)
  note.forEach((line, i) => ctx.fillText(line, 300, y + 40 + i * 28))
  return canvas.toDataURL('image/png')
}
