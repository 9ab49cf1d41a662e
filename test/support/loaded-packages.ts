/**
 * Loaded into a server under test (`node --import`): when the process exits, writes the npm
 * packages it loaded (from `require.cache`) to LOADED_PACKAGES_FILE, as a JSON array of names.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.LOADED_PACKAGES_FILE;
if (file) {
  process.on('exit', () => {
    const packages = new Set<string>();
    for (const path of Object.keys(require.cache)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];
      if (name) packages.add(name);
    }
    writeFileSync(file, JSON.stringify([...packages].sort()));
  });
}
