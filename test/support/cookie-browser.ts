/**
 * A minimal browser for HTTP-level sign-in tests: one cookie jar per origin
 * (paths ignored: the cookie names in play differ), redirects followed by hand so
 * every hop's cookies are kept.
 */
export interface Visit {
  url: string;
  status: number;
  text: string;
  /** Every URL the browser went through, redirects included. */
  hops: string[];
}

export function cookieBrowser() {
  const jars = new Map<string, Map<string, string>>();
  const jar = (u: URL) => jars.get(u.origin) ?? jars.set(u.origin, new Map()).get(u.origin)!;

  async function request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Visit> {
    let u = new URL(url);
    let method = init.method ?? 'GET';
    let body = init.form ? new URLSearchParams(init.form).toString() : undefined;
    const hops: string[] = [];
    for (let i = 0; i < 20; i++) {
      hops.push(u.href);
      const cookies = [...jar(u)].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await fetch(u, {
        method,
        redirect: 'manual',
        headers: {
          ...(cookies ? { cookie: cookies } : {}),
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded', origin: u.origin } : {}),
        },
        body,
      });
      for (const c of res.headers.getSetCookie()) {
        const [pair, ...attrs] = c.split(';');
        const eq = pair!.indexOf('=');
        const name = pair!.slice(0, eq).trim();
        const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
        if (gone) jar(u).delete(name);
        else jar(u).set(name, pair!.slice(eq + 1).trim());
      }
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.arrayBuffer();
        u = new URL(location, u);
        method = 'GET';
        body = undefined;
        continue;
      }
      return { url: u.href, status: res.status, text: await res.text(), hops };
    }
    throw new Error(`too many redirects from ${url}`);
  }
  return {
    request,
    cookies: (origin: string) => jars.get(new URL(origin).origin) ?? new Map<string, string>(),
  };
}
export type CookieBrowser = ReturnType<typeof cookieBrowser>;

/** The action of the first form on a page, absolute. */
export const formAction = (v: Visit) => {
  const action = v.text.match(/<form[^>]*action="([^"]+)"/)?.[1];
  if (!action) throw new Error(`no form on ${v.url}: ${v.text.slice(0, 300)}`);
  return new URL(action.replace(/&amp;/g, '&'), v.url).href;
};
export const hiddenFields = (v: Visit): Record<string, string> =>
  Object.fromEntries(
    [...v.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
  );
