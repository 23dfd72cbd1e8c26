// The baseline the benchmarks compare Vigil with: bare node:http that reads the body, parses the
// JSON and answers 202 (GET answers 200, for "time to answer"). Plain node, no tsx, no framework.
// Listens on PORT (0 = any) at 127.0.0.1 and prints "listening on port N".
import http from 'node:http';

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
      return;
    }
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end('{"error":"invalid_json"}');
      return;
    }
    res.writeHead(202, { 'content-type': 'application/json' });
    res.end('{"accepted":true}');
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening on port ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
