import { createDb } from '../../prisma/client';
import { verifyChain } from './audit-chain';

/**
 * npm run audit:verify — walks the audit log's hash chain and reports the first broken link.
 * Needs only SELECT: DATABASE_URL (the application's role) will do. Exit code 0 when the
 * chain holds, 1 when a link is broken, 2 when it could not be checked.
 */
async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('DATABASE_URL is not set\n');
    return 2;
  }
  const db = createDb(url, 2);
  try {
    const report = await verifyChain(db);
    if (report.ok) {
      process.stdout.write(
        `audit chain holds: ${report.checked} entries checked, ${report.beforeChain} written before the chain began\n`,
      );
      return 0;
    }
    const b = report.broken!;
    process.stdout.write(
      `audit chain BROKEN at entry ${b.chainSeq} (id ${b.id}): ${b.problem}; ${report.checked} entries before it hold\n`,
    );
    return 1;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`audit chain could not be checked: ${err.message}\n`);
    process.exit(2);
  },
);
