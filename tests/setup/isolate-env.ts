// A DATABASE_URL from the developer's shell must never reach a test: unit tests have no database,
// and integration tests get theirs from createTestDb() (tests/fixtures/db.ts).
delete process.env.DATABASE_URL;
