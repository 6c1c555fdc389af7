import { readFileSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { extractPage } from './modules/ingest/extract-page.js';
it('x', () => {
  for (const [f, u] of [['drf/api-guide/serializers/index.html','http://127.0.0.1/api-guide/serializers/'],['kinto/core/resource.html','http://127.0.0.1/core/resource.html'],['kinto/index.html','http://127.0.0.1/index.html'],['drf/index.html','http://127.0.0.1/']]) {
    const r = extractPage(readFileSync('/work/shared/fixtures/sites/'+f,'utf8'), u);
    writeFileSync('/tmp/scratch/'+f.replace(/\//g,'_')+'.md', `TITLE ${r.title}\nCANON ${r.canonicalUrl}\nJS ${r.needsJavaScript}\nLINKS ${r.links.length}\n\n${r.markdown}`);
  }
});
