import { describe, expect, it } from 'vitest'
import {
  bytesToHex,
  checkHeadSignature,
  checkRecord,
  leafHash,
  nodeHash,
  rootFromInclusion,
  verifyConsistency,
  type PathStep,
} from '../src/proof'

// A reference written from RFC 9162 §2.1's recursive definitions: MTH and PATH.
async function mth(leaves: Uint8Array[]): Promise<Uint8Array> {
  if (leaves.length === 1) return leafHash(leaves[0])
  const k = largestPowerOfTwoBelow(leaves.length)
  return nodeHash(await mth(leaves.slice(0, k)), await mth(leaves.slice(k)))
}
async function path(m: number, leaves: Uint8Array[]): Promise<Uint8Array[]> {
  if (leaves.length === 1) return []
  const k = largestPowerOfTwoBelow(leaves.length)
  return m < k
    ? [...(await path(m, leaves.slice(0, k))), await mth(leaves.slice(k))]
    : [...(await path(m - k, leaves.slice(k))), await mth(leaves.slice(0, k))]
}
function largestPowerOfTwoBelow(n: number): number {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}
const leaf = (i: number) => new TextEncoder().encode(`leaf ${i}`)

describe('inclusion proofs checked in the browser (RFC 9162 §2.1.3.2)', () => {
  it('give the root for every leaf of trees of 1 to 13 leaves', async () => {
    for (let n = 1; n <= 13; n++) {
      const leaves = Array.from({ length: n }, (_, i) => leaf(i))
      const root = bytesToHex(await mth(leaves))
      for (let m = 0; m < n; m++) {
        const got = await rootFromInclusion(m, n, await leafHash(leaves[m]), await path(m, leaves))
        expect(got && bytesToHex(got), `leaf ${m} of ${n}`).toBe(root)
      }
    }
  })

  it('refuse a wrong index, a wrong leaf and a path of the wrong length', async () => {
    const leaves = Array.from({ length: 7 }, (_, i) => leaf(i))
    const root = bytesToHex(await mth(leaves))
    const p = await path(3, leaves)
    const other = await rootFromInclusion(4, 7, await leafHash(leaves[3]), p)
    expect(other && bytesToHex(other)).not.toBe(root)
    const forged = await rootFromInclusion(3, 7, await leafHash(leaf(99)), p)
    expect(forged && bytesToHex(forged)).not.toBe(root)
    expect(await rootFromInclusion(3, 7, await leafHash(leaves[3]), p.slice(1))).toBeNull()
    expect(await rootFromInclusion(7, 7, await leafHash(leaves[3]), p)).toBeNull()
  })

  it('check a notice record as the API gives it: the leaf in base64, the path in hex', async () => {
    const leaves = Array.from({ length: 5 }, (_, i) => leaf(i))
    const head = { size: 5, root: bytesToHex(await mth(leaves)) }
    const record = {
      leaf: btoa(String.fromCharCode(...leaves[2])),
      leafHash: bytesToHex(await leafHash(leaves[2])),
      covered: true,
      index: 2,
      path: (await path(2, leaves)).map(bytesToHex),
    }
    expect(await checkRecord(record, head)).toBe('included')
    expect(await checkRecord({ ...record, index: 1 }, head)).toBe('root_mismatch')
    expect(await checkRecord({ ...record, leafHash: '00'.repeat(32) }, head)).toBe('leaf_mismatch')
    expect(await checkRecord({ ...record, covered: false }, head)).toBe('not_covered')
  })
})

// RFC 9162 §2.1.4.1's SUBPROOF, the reference for the consistency check.
async function subproof(m: number, leaves: Uint8Array[], complete: boolean): Promise<Uint8Array[]> {
  const n = leaves.length
  if (m === n) return complete ? [] : [await mth(leaves)]
  const k = largestPowerOfTwoBelow(n)
  return m <= k
    ? [...(await subproof(m, leaves.slice(0, k), complete)), await mth(leaves.slice(k))]
    : [...(await subproof(m - k, leaves.slice(k), false)), await mth(leaves.slice(0, k))]
}

describe('consistency proofs checked in the browser (RFC 9162 §2.1.4.2)', () => {
  it('hold between every pair of trees of 1 to 12 leaves', async () => {
    const leaves = Array.from({ length: 12 }, (_, i) => leaf(i))
    for (let n = 1; n <= 12; n++) {
      const second = await mth(leaves.slice(0, n))
      for (let m = 1; m <= n; m++) {
        const first = await mth(leaves.slice(0, m))
        const proof = m === n ? [] : await subproof(m, leaves.slice(0, n), true)
        const got = await verifyConsistency(m, n, first, second, proof)
        expect(got.consistent, `${m} → ${n}`).toBe(true)
      }
    }
  })

  it('show a changed history, a changed earlier root and a cut proof as not consistent', async () => {
    const leaves = Array.from({ length: 9 }, (_, i) => leaf(i))
    const first = await mth(leaves.slice(0, 5))
    const second = await mth(leaves)
    const proof = await subproof(5, leaves, true)
    expect((await verifyConsistency(5, 9, first, second, proof)).consistent).toBe(true)
    const rewritten = [...leaves]
    rewritten[2] = leaf(99)
    const forged = await mth(rewritten)
    const tampered = await verifyConsistency(5, 9, first, forged, await subproof(5, rewritten, true))
    expect(tampered.consistent).toBe(false)
    expect(tampered.secondRoot).toBe(bytesToHex(forged))
    expect(tampered.firstRoot).not.toBe(bytesToHex(first))
    expect((await verifyConsistency(5, 9, first, second, proof.slice(1))).consistent).toBe(false)
    expect((await verifyConsistency(6, 9, first, second, proof)).consistent).toBe(false)
  })

  it('follow the audit path in words: which side each sibling stands on', async () => {
    const leaves = Array.from({ length: 4 }, (_, i) => leaf(i))
    const steps: PathStep[] = []
    const root = await rootFromInclusion(2, 4, await leafHash(leaves[2]), await path(2, leaves), steps)
    expect(steps.map((s) => s.side)).toEqual(['right', 'left'])
    expect(steps[1].result).toBe(bytesToHex(root!))
  })
})

describe('a head’s signature checked in the browser (Ed25519)', () => {
  it('holds over the statement with the named key, and not over a changed statement', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey))
    const b64 = (b: Uint8Array) => btoa(String.fromCharCode(...b))
    const statement = 'bangfu audit log tree head v1\nsize: 7\n'
    const signature = new Uint8Array(
      await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, new TextEncoder().encode(statement)),
    )
    const keys = [{ keyId: 'k1', publicKey: b64(spki) }]
    const head = { statement, signature: b64(signature), keyId: 'k1' }
    expect(await checkHeadSignature(head, keys)).toBe('valid')
    expect(await checkHeadSignature({ ...head, statement: statement.replace('7', '8') }, keys)).toBe('invalid')
    expect(await checkHeadSignature({ ...head, keyId: 'other' }, keys)).toBe('unknown_key')
  })
})
