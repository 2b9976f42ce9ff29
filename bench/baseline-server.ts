// The baseline of the ingestion bench: a bare Fastify + pg route that
// inserts one row per request, nothing else, against the same PostgreSQL.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query('CREATE TABLE IF NOT EXISTS bench_baseline (id text PRIMARY KEY, body jsonb NOT NULL, received_at timestamptz NOT NULL DEFAULT now())');
const app = Fastify({ logger: false, bodyLimit: 5 * 1024 * 1024 });
app.get('/healthz', async () => ({ ok: true }));
app.post('/ingest', async (req, reply) => {
  const body = req.body as { id?: string; events?: { id: string }[] };
  // A body sent again in a later pass over the bench's bodies is a new row (bench/ingest.ts), as replyby's would be if
  // its events were new; within a pass, a repeated event is a duplicate.
  const pass = req.headers['x-bench-pass'];
  const first = body.id ?? body.events?.[0]?.id ?? String(Math.random());
  const id = typeof pass === 'string' && pass !== '0' ? `${first}#${pass}` : first;
  await pool.query('INSERT INTO bench_baseline (id, body) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [id, body]);
  return reply.code(201).send({ ok: true });
});
const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`listening ${address}\n`);
process.on('SIGTERM', () => void app.close().then(() => pool.end()).then(() => process.exit(0)));
