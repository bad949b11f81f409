// The unit tier runs without services: unset what would point a stray test at a database or Temporal,
// so such a test fails (test/support/env.ts refuses) instead of passing only on a developer's machine.
for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_TEST_SERVER', 'PAYLOAD_KEYS', 'SMTP_URL']) {
  delete process.env[name];
}
