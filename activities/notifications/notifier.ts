import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import nodemailer from 'nodemailer';
import { MeldingMisluktError } from './errors';
import { assertTargetAllowed, publicOnlyLookup, type Resolver } from '../../platform/network-targets';
import type { MailBericht } from './bericht';

/** Where reminders and escalations go out; each channel is off ('niet_ingesteld') while unconfigured. */
export interface NotifierConfig {
  /** smtp:// or smtps:// URL, with credentials if the server needs them. */
  smtpUrl?: string | undefined;
  /** The From address, e.g. `Toewijzing <noreply@example.nl>`; required with smtpUrl. */
  mailFrom?: string | undefined;
  /** Base of the links to the case page. */
  appBaseUrl: string;
  /** HMAC key of the webhook signature; without it no webhook is sent (never unsigned). */
  webhookSecret?: string | undefined;
  webhookTimeoutMs?: number | undefined;
  /** Let webhooks reach loopback, private and link-local addresses (tests, local trials); off by default. */
  allowPrivateTargets?: boolean | undefined;
  /** How webhook host names are resolved; the system resolver unless a test stands in for DNS. */
  webhookResolver?: Resolver | undefined;
  smtpTimeoutMs?: number | undefined;
}

export interface MailKanaal {
  send(to: string, bericht: MailBericht, headers: Record<string, string>): Promise<void>;
  readonly domain: string;
}

export interface WebhookKanaal {
  post(url: string, body: string, deliveryId: string): Promise<void>;
}

export interface Notifier {
  readonly appBaseUrl: string;
  readonly mail?: MailKanaal | undefined;
  readonly webhook?: WebhookKanaal | undefined;
  close(): void;
}

export const WEBHOOK_TIMEOUT_MS = 5_000;
export const SIGNATURE_HEADER = 'X-Toewijzing-Signature';

/** `sha256=<hex HMAC-SHA256 of the raw body>`, as a receiver recomputes it. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export function createNotifier(config: NotifierConfig): Notifier {
  if (config.smtpUrl && !config.mailFrom) throw new Error('MAIL_FROM is required with SMTP_URL');
  const mail =
    config.smtpUrl && config.mailFrom
      ? smtpKanaal(config.smtpUrl, config.mailFrom, config.smtpTimeoutMs ?? 10_000)
      : undefined;
  const webhook = config.webhookSecret
    ? webhookKanaal(
        config.webhookSecret,
        config.webhookTimeoutMs ?? WEBHOOK_TIMEOUT_MS,
        config.allowPrivateTargets === true,
        config.webhookResolver,
      )
    : undefined;
  return {
    appBaseUrl: config.appBaseUrl,
    mail,
    webhook,
    close: () => mail?.close(),
  };
}

function smtpKanaal(url: string, from: string, timeoutMs: number): MailKanaal & { close(): void } {
  // Bounded waits: the activity's start-to-close timeout must outlast a slow server.
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs * 2,
  });
  return {
    domain: from.match(/@([A-Za-z0-9.-]+)>?\s*$/)?.[1] ?? 'toewijzing.invalid',
    async send(to, bericht, headers) {
      try {
        await transport.sendMail({
          from,
          to,
          subject: bericht.subject,
          text: bericht.text,
          messageId: bericht.messageId,
          headers,
        });
      } catch (err) {
        // Code and SMTP status only: the server's text may quote the address.
        const e = err as { code?: unknown; responseCode?: unknown };
        throw new MeldingMisluktError(
          `e-mail niet verstuurd: ${typeof e.code === 'string' ? e.code : 'fout'}${typeof e.responseCode === 'number' ? ` ${e.responseCode}` : ''}`,
        );
      }
    },
    close: () => transport.close(),
  };
}

function webhookKanaal(
  secret: string,
  timeoutMs: number,
  allowPrivate: boolean,
  resolver: Resolver | undefined,
): WebhookKanaal {
  // The address is checked as the socket connects (not before), so DNS cannot answer differently in between.
  const lookup = allowPrivate ? undefined : publicOnlyLookup(resolver);
  return {
    async post(url, body, deliveryId) {
      try {
        assertTargetAllowed(url, allowPrivate);
      } catch (err) {
        throw new MeldingMisluktError(`webhook niet afgeleverd: doel geweigerd (${(err as Error).message})`);
      }
      const status = await postOnce(new URL(url), body, timeoutMs, lookup, {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signature(secret, body),
        'X-Toewijzing-Delivery': deliveryId,
        'user-agent': 'toewijzing-webhook/1',
      });
      // No redirects are followed: a redirect could carry the signed body elsewhere.
      if (status < 200 || status >= 300) throw new MeldingMisluktError(`webhook niet afgeleverd: HTTP ${status}`);
    },
  };
}

/** One POST, its status code; the body of the answer is not read. */
function postOnce(
  url: URL,
  body: string,
  timeoutMs: number,
  lookup: ReturnType<typeof publicOnlyLookup> | undefined,
  headers: Record<string, string>,
): Promise<number> {
  const request = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        signal: AbortSignal.timeout(timeoutMs),
        ...(lookup ? { lookup } : {}),
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      const reason =
        err.code === 'EPRIVATETARGET'
          ? 'doel geweigerd (resolves to a loopback, private or link-local address)'
          : err.name === 'AbortError' || err.name === 'TimeoutError'
            ? `geen antwoord binnen ${timeoutMs} ms`
            : 'verbinding mislukt';
      reject(new MeldingMisluktError(`webhook niet afgeleverd: ${reason}`));
    });
    req.end(body);
  });
}
