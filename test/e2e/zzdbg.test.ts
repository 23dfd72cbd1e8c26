import { it } from 'vitest';
import { Harness } from '../support/harness.js';
it('dbg', async () => {
  const h = await Harness.start();
  const res = await h.command('declare Fraud model down');
  console.log(res.status, res.text);
  console.log(JSON.stringify(h.emulator.calls.map(c => [c.method, c.response]), null, 1).slice(0, 3000));
  await h.close();
});
