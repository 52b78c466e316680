import type { Request, Response } from 'express';

/** Small helpers for server-rendered Swedish pages: escaping and the common layout. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface Sida {
  titel: string;
  innehall: string;
  anvandare?: { id: string; grupper?: string[] };
  csrf?: string;
  skript?: string[];
  stilar?: string[];
  aktiv?: 'arenden' | 'oversikt' | 'registrera' | 'efterlevnad' | 'loggkontroll';
}

export function layout(s: Sida): string {
  const lank = (href: string, namn: string, id: Sida['aktiv']) =>
    `<li><a href="${href}"${s.aktiv === id ? ' aria-current="page"' : ''}>${namn}</a></li>`;
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${s.csrf ? `<meta name="csrf-token" content="${esc(s.csrf)}">` : ''}
<title>${esc(s.titel)} – Bokvar</title>
<link rel="stylesheet" href="/static/bokvar.css">
${(s.stilar ?? []).map((href) => `<link rel="stylesheet" href="${esc(href)}">`).join('\n')}
</head>
<body>
<a class="hoppa" href="#huvud">Hoppa till innehållet</a>
<header>
<p class="logo"><a href="/">Bokvar</a></p>
${
  s.anvandare
    ? `<nav aria-label="Huvudmeny"><ul>
${lank('/arenden', 'Ärenden', 'arenden')}
${lank('/oversikt', 'Översikt', 'oversikt')}
${lank('/registrera', 'Registrera underrättelse', 'registrera')}
${
  s.anvandare.grupper?.includes('revisor')
    ? `${lank('/revision', 'Efterlevnad', 'efterlevnad')}
${lank('/revision/loggkontroll', 'Loggkontroll', 'loggkontroll')}`
    : ''
}
</ul></nav>
<form method="post" action="/utloggning" class="utloggning"><input type="hidden" name="_csrf" value="${esc(s.csrf)}">
<span>Inloggad som ${esc(s.anvandare.id)}</span> <button type="submit">Logga ut</button></form>`
    : ''
}
</header>
<main id="huvud" tabindex="-1">
${s.innehall}
</main>
${(s.skript ?? []).map((src) => `<script src="${esc(src)}"></script>`).join('\n')}
</body>
</html>`;
}

/** Sends a whole HTML document (never cached: it may hold case data). */
export function sendHtml(res: Response, html: string, status = 200): void {
  res.status(status).set('Cache-Control', 'no-store').type('html').send(html);
}

/** Sends a page in the common layout for the logged-in user. */
export function sendPage(req: Request, res: Response, s: Omit<Sida, 'anvandare' | 'csrf'>, status = 200): void {
  sendHtml(res, layout({ ...s, anvandare: req.anvandare, csrf: req.anvandare?.csrf }), status);
}

/** The 403 page for a logged-in user without the role a page needs. */
export function sendForbiddenPage(req: Request, res: Response): void {
  sendPage(
    req,
    res,
    { titel: 'Saknar behörighet', innehall: '<h1>Saknar behörighet</h1><p>Du har inte behörighet till den här sidan.</p>' },
    403,
  );
}
