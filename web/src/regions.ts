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
