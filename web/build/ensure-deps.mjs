// Runs `npm ci` when node_modules does not match package-lock.json (a clean clone, a changed
// lock, a half-finished install), and skips it otherwise so repeated Maven builds stay quick.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { execSync } from 'node:child_process'

const lock = readFileSync('package-lock.json')
const hash = createHash('sha256').update(lock).update(process.version).digest('hex')
const stamp = 'node_modules/.bangfu-lock-sha256'

if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash && process.env.NPM_CI_ALWAYS !== 'true') {
  console.log('node_modules matches package-lock.json; skipping npm ci')
} else {
  console.log('npm ci --no-audit --no-fund')
  execSync('npm ci --no-audit --no-fund --loglevel=error', { stdio: 'inherit' })
  writeFileSync(stamp, hash)
}
