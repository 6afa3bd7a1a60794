// Drives a node's /acp front door with the real ACP client (npm acp-sdk 1.0.3, which checks every
// answer with its zod schemas) and prints what came back, one JSON line per result:
//   {"ok": <value>}                      the call's result
//   {"event": <Event>, "at": <ms>}       each streamed event, with its arrival time
//   {"error": {name, code, message, status}}  what the client threw (ACPError, HTTPError, ...)
// Usage: node acp-client.mjs BASE_URL TOKEN OP [ARGS...]; TOKEN ("-" for none) is sent as a bearer
// token through the client's own fetch hook.
//   ping | agents | agent NAME | sync NAME TEXT | async NAME TEXT | stream NAME TEXT
//   status RUN | events RUN | cancel RUN | resume RUN TEXT | tool NAME TOOL JSON_ARGS
//   stream-tool NAME TOOL JSON_ARGS
//   session NAME TEXT1 TEXT2 (two runs in one session)
//
// acp-sdk's ESM build imports its package.json without an import attribute, which Node 20 rejects:
// the CJS build is loaded instead (protocols.md §3.5).
import { createRequire } from 'node:module';

const { Client } = createRequire(import.meta.url)('acp-sdk');
const [base, bearer, op, ...args] = process.argv.slice(2);
const token = bearer === '-' ? undefined : bearer;
const authorized = (url, init = {}) => fetch(url, {
  ...init,
  headers: { ...(init.headers ?? {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
});
const client = new Client({ baseUrl: base, fetch: authorized });
const print = (value) => console.log(JSON.stringify(value));
const said = (text) => [{ role: 'user', parts: [{ content_type: 'text/plain', content: text }] }];
const toolCall = (tool, json) => [{ role: 'user', parts: [{ content_type: 'application/json', content: json,
  metadata: { kind: 'trajectory', tool_name: tool } }] }];

try {
  switch (op) {
    case 'ping': await client.ping(); print({ ok: {} }); break;
    case 'agents': print({ ok: await client.agents() }); break;
    case 'agent': print({ ok: await client.agent(args[0]) }); break;
    case 'sync': print({ ok: await client.runSync(args[0], said(args[1])) }); break;
    case 'async': print({ ok: await client.runAsync(args[0], said(args[1])) }); break;
    case 'stream':
      for await (const event of client.runStream(args[0], said(args[1]))) {
        print({ event, at: Date.now() });
      }
      break;
    case 'status': print({ ok: await client.runStatus(args[0]) }); break;
    case 'events': print({ ok: await client.runEvents(args[0]) }); break;
    case 'cancel': print({ ok: await client.runCancel(args[0]) }); break;
    case 'resume':
      print({ ok: await client.runResumeSync(args[0], { type: 'message', message: said(args[1])[0] }) });
      break;
    case 'tool': print({ ok: await client.runSync(args[0], toolCall(args[1], args[2])) }); break;
    case 'stream-tool':
      for await (const event of client.runStream(args[0], toolCall(args[1], args[2]))) {
        print({ event, at: Date.now() });
      }
      break;
    case 'session':
      print({ ok: await client.withSession(async (session) => [
        await session.runSync(args[0], said(args[1])), await session.runSync(args[0], said(args[2]))]) });
      break;
    default: throw new Error(`unknown op ${op}`);
  }
} catch (e) {
  print({ error: { name: e.name, code: e.code ?? null, message: e.message,
    status: e.statusCode ?? e.response?.status ?? null } });
}
