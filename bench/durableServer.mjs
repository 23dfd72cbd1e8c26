// The second baseline: bare node:http plus durability, nothing else. It reads the body,
// parses the JSON, inserts it into SQLite (WAL, synchronous=FULL) and answers 202 once the
// transaction holding it is committed: one commit per turn of the event loop for every request
// read in that turn. What Vigil's webhook costs beyond this is Vigil's own work.
import http from 'node:http';
import Database from 'better-sqlite3';

const db = new Database(process.env.DATABASE_PATH ?? ':memory:');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('create table if not exists alerts (id integer primary key, body text not null)');
const insert = db.prepare('insert into alerts (body) values (?)');
const commit = db.transaction((bodies) => bodies.forEach((body) => insert.run(body)));

let pending = [];
function flush() {
  const batch = pending;
  pending = [];
  try {
    commit(batch.map((p) => p.body));
  } catch {
    for (const p of batch) p.res.writeHead(503).end();
    return;
  }
  for (const p of batch) {
    p.res.writeHead(202, { 'content-type': 'application/json' });
    p.res.end('{"accepted":true}');
  }
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    if (req.method === 'GET') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    const text = Buffer.concat(chunks).toString('utf8');
    try {
      JSON.parse(text);
    } catch {
      return res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_json"}');
    }
    if (pending.length === 0) setImmediate(flush);
    pending.push({ body: text, res });
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening on port ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
