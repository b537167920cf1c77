/** Where `npm start` keeps the embedded Postgres, and what it calls its database. */
export const EMBEDDED_DATA_DIR = "pg";
export const EMBEDDED_PORT = Number(process.env.VITRINE_EMBEDDED_PG_PORT ?? 54329);
export const APP_DATABASE = "vitrine";
