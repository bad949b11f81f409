import path from 'node:path';
import { parseArgs } from 'node:util';
import { claimsSchema } from './principal';
import { ensureLocalKeys, issueToken } from './local-issuer';

/**
 * npm run token -- --sub u-cons-1 --org wijkteam-noord --role consulent [--role manager] [--gemeente GM0363] [--expires 8h]
 * Prints a token signed by the local issuer (keys in .data/auth, created on first use).
 */
async function main() {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      org: { type: 'string' },
      role: { type: 'string', multiple: true },
      gemeente: { type: 'string' },
      expires: { type: 'string', default: '8h' },
      dir: { type: 'string', default: path.join(process.cwd(), '.data', 'auth') },
      init: { type: 'boolean', default: false },
    },
  });
  const { privateFile, jwksFile } = await ensureLocalKeys(values.dir!);
  if (values.init) {
    console.log(jwksFile);
    return;
  }
  const claims = claimsSchema.safeParse({
    sub: values.sub,
    org: values.org,
    roles: values.role,
    gemeente: values.gemeente,
  });
  if (!claims.success) {
    console.error(
      `usage: npm run token -- --sub <user> --org <organisation> --role <role> [--role ...] [--gemeente GMxxxx]\n${claims.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
    process.exit(2);
  }
  console.log(await issueToken(privateFile, claims.data, { expiresIn: values.expires! }));
}

main().catch((err) => {
  console.error((err as Error).message);
  process.exit(1);
});
