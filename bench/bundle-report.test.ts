import { describe, expect, it } from 'vitest';
import { firstVisitAssets, parseManifestScript } from './bundle-report';

const manifest = parseManifestScript(
  'window.__remixManifest={"entry":{"module":"/e.js","imports":["/react.js"]},"routes":{"root":{"id":"root","module":"/root.js","imports":["/react.js","/i18n.js"],"css":["/t.css"]},"routes/a":{"id":"routes/a","parentId":"root","module":"/a.js","imports":["/forms.js"]}}};',
);

describe('first-visit assets', () => {
  it('collect the entry, the route chain and their imports once each', () => {
    expect(firstVisitAssets(manifest, 'routes/a')).toEqual(['/e.js', '/react.js', '/root.js', '/i18n.js', '/t.css', '/a.js', '/forms.js']);
    expect(() => firstVisitAssets(manifest, 'routes/none')).toThrow('no route');
  });
});
