// The site bench:ingest crawls: the two real documentation sites from ../shared/fixtures/sites
// (MkDocs and Sphinx builds, with their navigation, sidebars and footers) under /drf/ and /kinto/,
// plus /scifact/: pages generated from SciFact abstracts with the same kind of chrome, so that one
// origin holds well over 200 crawlable pages. Everything is linked from the home page.
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DocsSiteFolder {
  folder: string;
  remove(): Promise<void>;
}

interface Abstract {
  _id: string;
  title: string;
  text: string;
}

const perListPage = 50;

/** Builds the site in a temporary folder: symlinks to the real sites and `abstracts` generated pages. */
export async function buildDocsSite(
  fixtureSites: string,
  scifactCorpus: string,
  abstracts: number,
): Promise<DocsSiteFolder> {
  const folder = await mkdtemp(join(tmpdir(), 'jarvis-bench-site-'));
  await symlink(join(fixtureSites, 'drf'), join(folder, 'drf'));
  await symlink(join(fixtureSites, 'kinto'), join(folder, 'kinto'));
  const corpus = (await readFile(scifactCorpus, 'utf8'))
    .trim()
    .split('\n')
    .slice(0, abstracts)
    .map((line) => JSON.parse(line) as Abstract);
  await mkdir(join(folder, 'scifact'));
  const listPages = Math.ceil(corpus.length / perListPage);
  for (const [index, doc] of corpus.entries()) {
    const neighbours = [1, 2, 3, 5, 8].map((step) => corpus[(index + step) % corpus.length]!);
    const article = `<h1>${escapeHtml(doc.title)}</h1>
${paragraphs(doc.text)}
<h2>Related abstracts</h2>
<ul>${neighbours.map((other) => `<li><a href="${other._id}.html">${escapeHtml(other.title)}</a></li>`).join('')}</ul>`;
    await writeFile(
      join(folder, 'scifact', `${doc._id}.html`),
      page(doc.title, article, corpus, Math.floor(index / perListPage), listPages),
    );
  }
  for (let list = 0; list < listPages; list += 1) {
    const docs = corpus.slice(list * perListPage, (list + 1) * perListPage);
    const article = `<h1>Abstracts, page ${list + 1}</h1>
<ul>${docs.map((doc) => `<li><a href="${doc._id}.html">${escapeHtml(doc.title)}</a>: ${escapeHtml(doc.text.slice(0, 160))}…</li>`).join('\n')}</ul>`;
    await writeFile(
      join(folder, 'scifact', list === 0 ? 'index.html' : `list-${list + 1}.html`),
      page(`Abstracts, page ${list + 1}`, article, docs, list, listPages),
    );
  }
  await writeFile(
    join(folder, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Documentation</title></head>
<body><main><h1>Documentation</h1><p>Three collections of documentation on one site.</p>
<ul><li><a href="/drf/">Django REST framework</a></li><li><a href="/kinto/index.html">Kinto</a></li>
<li><a href="/scifact/">Scientific abstracts</a></li></ul></main></body></html>`,
  );
  return { folder, remove: () => rm(folder, { recursive: true, force: true }) };
}

/** A page with the chrome real documentation sites have: header, sidebar, breadcrumbs, footer. */
function page(title: string, article: string, sidebar: Abstract[], list: number, listPages: number): string {
  const lists = Array.from(
    { length: listPages },
    (_, i) => `<li><a href="${i === 0 ? 'index.html' : `list-${i + 1}.html`}">Page ${i + 1}</a></li>`,
  ).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Abstracts</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/assets/site.css">
<script>window.dataLayer = window.dataLayer || [];</script></head>
<body>
<header class="site-header"><a href="/">Documentation</a>
<nav><ul><li><a href="/drf/">Django REST framework</a></li><li><a href="/kinto/index.html">Kinto</a></li><li><a href="/scifact/">Abstracts</a></li></ul></nav>
<form class="search"><input type="search" placeholder="Search"></form></header>
<div class="layout">
<aside class="sidebar"><nav aria-label="Abstracts"><h2>Browse</h2><ul>${lists}</ul>
<ul>${sidebar
    .slice(0, 25)
    .map((doc) => `<li><a href="${doc._id}.html">${escapeHtml(doc.title.slice(0, 60))}</a></li>`)
    .join('')}</ul></nav></aside>
<main><nav class="breadcrumbs"><a href="/">Home</a> › <a href="${list === 0 ? 'index.html' : `list-${list + 1}.html`}">Abstracts</a></nav>
<article>${article}</article></main></div>
<footer><p>Abstracts from the SciFact corpus (CC BY-NC 2.0). <a href="/">Home</a></p></footer>
<div class="cookie-banner">We use cookies. <button>OK</button></div>
</body></html>`;
}

/** An abstract as two or three paragraphs, cut at sentence ends. */
function paragraphs(text: string): string {
  const sentences = text.match(/[^.!?]+[.!?]+(\s|$)/g) ?? [text];
  const third = Math.ceil(sentences.length / 3);
  const out: string[] = [];
  for (let i = 0; i < sentences.length; i += third) {
    out.push(
      `<p>${escapeHtml(
        sentences
          .slice(i, i + third)
          .join('')
          .trim(),
      )}</p>`,
    );
  }
  return out.join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
