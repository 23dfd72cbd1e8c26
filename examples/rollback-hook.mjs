// A receiver for Vigil's rollback and kill switch (README: "Model versions, rollback and the kill switch").
import { createServer } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
const SECRET = process.env.HOOK_SECRET ?? 'local-hook-secret-0123456789';
createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk)).on('end', () => {
    const ts = req.headers['x-vigil-timestamp'], given = Buffer.from(req.headers['x-vigil-signature'] ?? '');
    const wanted = Buffer.from('v1=' + createHmac('sha256', SECRET).update(`v1:${ts}:${body}`).digest('hex'));
    if (Math.abs(Date.now() / 1000 - Number(ts)) > 300 || given.length !== wanted.length || !timingSafeEqual(given, wanted)) return res.writeHead(401).end('bad signature');
    const { action, model, environment, from, to } = JSON.parse(body); // act here, once per Idempotency-Key
    console.log(req.headers['idempotency-key'], action, model, environment, from, '->', to);
    res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: true }));
  });
}).listen(Number(process.env.PORT ?? 3002));
