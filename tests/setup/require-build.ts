/**
 * Integration and browser tests run the real production build. `npm test`
 * builds first; when a single test file is run by hand after editing the app,
 * this rebuilds so the tests never exercise stale code.
 */
import { ensureBuild } from '../../server/build';

export default function requireBuild() {
  ensureBuild(process.cwd());
}
