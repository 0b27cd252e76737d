/** Integration and browser tests run the real production build; `npm test` builds it first. */
import fs from 'node:fs';
import path from 'node:path';

export default function requireBuild() {
  const built = path.resolve('build/server/index.js');
  if (!fs.existsSync(built)) {
    throw new Error('No production build found. Run `npm test` (which builds first) or `npm run build`.');
  }
}
