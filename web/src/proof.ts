// Checking an audit record's inclusion proof in the browser, with Web Crypto and nothing else:
// the leaf hashes to SHA-256(0x00 ‖ leaf), and the audit path folds it up to the tree's root as
// RFC 9162 §2.1.3.2 says (inner nodes SHA-256(0x01 ‖ left ‖ right)). A proof that gives the signed
// head's root shows the record is in the log the witnesses cosigned.

export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  return out
}

export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    all.set(p, at)
    at += p.length
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', all))
}

/** SHA-256(0x00 ‖ leaf). */
export function leafHash(leaf: Uint8Array): Promise<Uint8Array> {
  return sha256(new Uint8Array([0]), leaf)
}

/** SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  return sha256(new Uint8Array([1]), left, right)
}

/** One step of an audit path, as a person can follow it: the sibling hash and the node it gave. */
export interface PathStep {
  /** Where the sibling stands: left of the node so far, or right of it. */
  side: 'left' | 'right'
  sibling: string
  result: string
}

/**
 * The root an inclusion proof gives for the leaf hash at `index` of a tree of `size` leaves (RFC
 * 9162 §2.1.3.2); null when the proof cannot be right whatever the root. `steps`, when given,
 * receives each fold in order, for the screen that shows the path in words.
 */
export async function rootFromInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  path: Uint8Array[],
  steps?: PathStep[],
): Promise<Uint8Array | null> {
  if (index >= size || index < 0) return null
  let fn = index
  let sn = size - 1
  let r = leaf
  for (const p of path) {
    if (sn === 0) return null
    const left = fn % 2 === 1 || fn === sn
    if (left) {
      r = await nodeHash(p, r)
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2)
          sn = Math.floor(sn / 2)
        }
      }
    } else {
      r = await nodeHash(r, p)
    }
    steps?.push({ side: left ? 'left' : 'right', sibling: bytesToHex(p), result: bytesToHex(r) })
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  return sn === 0 ? r : null
}

/** What a consistency check found: both roots given again (consistent), or which one was not. */
export interface ConsistencyResult {
  consistent: boolean
  /** The roots the proof gives for the earlier and the later tree (hex), when it gives any. */
  firstRoot: string | null
  secondRoot: string | null
}

// sizes go past 2^31, where JavaScript's bit operators stop working
const isPowerOfTwo = (n: number) => n > 0 && 2 ** Math.round(Math.log2(n)) === n

/**
 * Checks a consistency proof between the tree of `first` leaves with root `firstRoot` and the tree
 * of `second` leaves with root `secondRoot`, as RFC 9162 §2.1.4.2 says: the proof must give both
 * roots again, so the later tree holds the earlier one unchanged as its first `first` leaves.
 */
export async function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: Uint8Array[],
): Promise<ConsistencyResult> {
  const same = (a: Uint8Array, b: Uint8Array) => bytesToHex(a) === bytesToHex(b)
  const no = { consistent: false, firstRoot: null, secondRoot: null }
  if (first < 0 || first > second) return no
  if (first === second) {
    const ok = proof.length === 0 && same(firstRoot, secondRoot)
    return { consistent: ok, firstRoot: bytesToHex(firstRoot), secondRoot: bytesToHex(secondRoot) }
  }
  // the empty tree is a prefix of every tree, and its proof is empty
  if (first === 0) return { ...no, consistent: proof.length === 0 }
  if (proof.length === 0) return no
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : proof
  let fn = first - 1
  let sn = second - 1
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  let fr = path[0]
  let sr = path[0]
  for (const c of path.slice(1)) {
    if (sn === 0) return no
    if (fn % 2 === 1 || fn === sn) {
      fr = await nodeHash(c, fr)
      sr = await nodeHash(c, sr)
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2)
        sn = Math.floor(sn / 2)
      }
    } else {
      sr = await nodeHash(sr, c)
    }
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  return {
    consistent: sn === 0 && same(fr, firstRoot) && same(sr, secondRoot),
    firstRoot: bytesToHex(fr),
    secondRoot: bytesToHex(sr),
  }
}

export type ProofResult = 'included' | 'not_covered' | 'leaf_mismatch' | 'root_mismatch'

/** Checks one record of a notice against the head's root. */
export async function checkRecord(
  record: { leaf?: string; leafHash?: string; covered?: boolean; index?: number; path?: string[] },
  head: { size?: number; root?: string },
): Promise<ProofResult> {
  if (!record.covered || record.index == null || !head.size || !head.root) return 'not_covered'
  const hash = record.leaf ? await leafHash(base64ToBytes(record.leaf)) : hexToBytes(record.leafHash ?? '')
  if (record.leafHash && bytesToHex(hash) !== record.leafHash) return 'leaf_mismatch'
  const root = await rootFromInclusion(record.index, head.size, hash, (record.path ?? []).map(hexToBytes))
  return root && bytesToHex(root) === head.root ? 'included' : 'root_mismatch'
}

export type SignatureResult = 'valid' | 'invalid' | 'unknown_key' | 'unsupported'

/**
 * Checks a signed tree head's Ed25519 signature over its statement with the published key it
 * names (base64 X.509), in the browser; 'unsupported' where the browser has no Ed25519.
 */
export async function checkHeadSignature(
  head: { statement?: string; signature?: string; keyId?: string },
  keys: { keyId?: string; publicKey?: string }[],
): Promise<SignatureResult> {
  const key = keys.find((k) => k.keyId === head.keyId)
  if (!key?.publicKey) return 'unknown_key'
  if (!head.statement || !head.signature) return 'invalid'
  let imported: CryptoKey
  try {
    imported = await crypto.subtle.importKey(
      'spki',
      new Uint8Array(base64ToBytes(key.publicKey)),
      { name: 'Ed25519' },
      false,
      ['verify'],
    )
  } catch {
    return 'unsupported'
  }
  const ok = await crypto.subtle.verify(
    { name: 'Ed25519' },
    imported,
    new Uint8Array(base64ToBytes(head.signature)),
    new TextEncoder().encode(head.statement),
  )
  return ok ? 'valid' : 'invalid'
}
