import { STATUS_CODES } from 'node:http';
import type { HttpBodyStyle } from '../images.js';

/** One HTTP answer a simulated container gives: status, headers and body. */
export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const INGRESS_HINT = /ingress-nginx|ingress\/controller|ingress-controller/i;
const NGINX_HINT = /(^|\/)nginx[:@]|nginx|httpd|apache|caddy|frontend|web/i;
const JSON_HINT = /api|service|server|worker|backend|catalog|gateway/i;

/** The body style an image's name suggests, when its behaviour does not set one. */
export function guessBodyStyle(image: string): HttpBodyStyle {
  if (INGRESS_HINT.test(image)) return 'ingress-nginx';
  if (NGINX_HINT.test(image)) return 'nginx';
  if (JSON_HINT.test(image)) return 'json';
  return 'text';
}

/** The application an image runs (`ghcr.io/example/catalog:2.7.3` → catalog) and its tag. */
export function imageNameAndTag(image: string): { name: string; tag: string } {
  const last = image.split('/').pop() ?? image;
  const [name, tag] = last.split('@')[0].split(':');
  return { name, tag: tag ?? 'latest' };
}

const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** nginx's own error page for a status (`<center>nginx</center>` under the title, as nginx writes it). */
function nginxErrorPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? ''}`.trim();
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** The answer of an application in a style, for a status and path; `body` replaces the generated one. */
export function appResponse(style: HttpBodyStyle, image: string, status: number, path: string, body?: string): AppResponse {
  const { name, tag } = imageNameAndTag(image);
  const date = new Date().toUTCString();
  if (style === 'nginx' || style === 'ingress-nginx') {
    const server = style === 'nginx' && /^\d/.test(tag) ? `nginx/${tag}` : 'nginx';
    const text = body ?? (style === 'nginx' && status === 200 ? NGINX_WELCOME : nginxErrorPage(status));
    return { status, headers: { Server: server, Date: date, 'Content-Type': 'text/html' }, body: text };
  }
  if (style === 'json') {
    const ok = status < 400;
    const text = body ?? `${JSON.stringify(ok ? { service: name, version: tag, status: 'ok', path } : { error: STATUS_CODES[status] ?? 'error', status, path })}\n`;
    return { status, headers: { Date: date, 'Content-Type': 'application/json' }, body: text };
  }
  const text = body ?? (status < 400 ? `${name} ${tag}: ok\n` : `${status} ${STATUS_CODES[status] ?? ''}\n`);
  return { status, headers: { Date: date, 'Content-Type': 'text/plain; charset=utf-8' }, body: text };
}
