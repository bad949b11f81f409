import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

// The JS schema engine runs offline: Prisma's native engines cannot be downloaded here.
// New migrations are made by scripts/new-migration.mjs (see README), not `migrate dev`.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  async adapter() {
    // Migrations run as the owner; the application's own role may not change the schema.
    const connectionString = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
    if (!connectionString) throw new Error('MIGRATION_DATABASE_URL or DATABASE_URL is not set');
    return new PrismaPg({ connectionString });
  },
});
