import type { Region } from './api/types'

/** All villages in the tree. */
export function villagesOf(root: Region): Region[] {
  const out: Region[] = []
  const walk = (r: Region) => {
    if (r.level === 'village') out.push(r)
    for (const c of r.children ?? []) walk(c)
  }
  walk(root)
  return out
}

/** Hollow (集体经营性收入 < 10,000 yuan) and weak (< 30,000) villages, hollow first, poorest first. */
export function weakVillages(root: Region): Region[] {
  return villagesOf(root)
    .filter((v) => v.collectiveStatus === 'hollow' || v.collectiveStatus === 'weak')
    .sort(
      (a, b) =>
        (a.collectiveStatus === b.collectiveStatus ? 0 : a.collectiveStatus === 'hollow' ? -1 : 1) ||
        (a.collectiveIncome ?? 0) - (b.collectiveIncome ?? 0),
    )
}
