// A small A2A 0.3-only JSON-RPC server (method names message/send, kind fields, lowercase states),
// as agents built with @a2a-js/sdk 0.3.x answer. It refuses A2A-Version 1.0 with -32009.
//   /v03  serves a 0.3 card at /v03/.well-known/agent-card.json (streaming) and JSON-RPC at /v03
//   /bare serves no card: callers find out from the -32009 answer
//   /garbage answers HTML
// Replies: "stream ..." streams artifact chunks "one ", "two ", "three"; otherwise a completed
// task with the artifact "legacy: <text>". PORT is required.
import express from 'express';
import { randomUUID } from 'node:crypto';

const port = Number(process.env.PORT);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const app = express();
app.use(express.json());
app.use((req, _res, next) => {
  console.log('REQ', req.method, req.path, req.body?.method ?? '-', req.headers['a2a-version'] ?? '-');
  next();
});
app.get('/v03/.well-known/agent-card.json', (_req, res) => res.json({
  name: 'Legacy', description: 'speaks A2A 0.3', url: `http://127.0.0.1:${port}/v03`, version: '1.0.0',
  protocolVersion: '0.3.0', preferredTransport: 'JSONRPC', capabilities: { streaming: true },
  defaultInputModes: ['text/plain'], defaultOutputModes: ['text/plain'],
  skills: [{ id: 'legacy', name: 'Legacy', description: 'echoes', tags: [] }],
}));
const textOf = (parts = []) => parts.filter((p) => p.kind === 'text').map((p) => p.text).join('');
const rpc = async (req, res) => {
  const { id, method, params } = req.body ?? {};
  const version = req.headers['a2a-version'];
  if (version && version !== '0.3') {
    return res.json({ jsonrpc: '2.0', id, error: { code: -32009,
      message: `The requested A2A protocol version '${version}' is not supported. Supported versions: 0.3` } });
  }
  const message = params?.message ?? {};
  const taskId = message.taskId || randomUUID();
  const contextId = message.contextId || randomUUID();
  const said = textOf(message.parts);
  if (method === 'message/send') {
    if (params?.configuration?.blocking !== true) console.log('NOT BLOCKING');
    return res.json({ jsonrpc: '2.0', id, result: { kind: 'task', id: taskId, contextId,
      status: { state: 'completed', timestamp: new Date().toISOString() },
      artifacts: [{ artifactId: randomUUID(), name: 'answer', parts: [{ kind: 'text', text: `legacy: ${said}` }] }],
      history: [message] } });
  }
  if (method === 'message/stream') {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    const send = (result) => res.write(`data: ${JSON.stringify({ jsonrpc: '2.0', id, result })}\n\n`);
    send({ kind: 'task', id: taskId, contextId, status: { state: 'submitted' }, history: [message] });
    send({ kind: 'status-update', taskId, contextId, status: { state: 'working' }, final: false });
    const artifactId = randomUUID();
    const words = ['one ', 'two ', 'three'];
    for (let i = 0; i < words.length; i++) {
      await sleep(300);
      send({ kind: 'artifact-update', taskId, contextId, append: i > 0, lastChunk: i === words.length - 1,
        artifact: { artifactId, name: 'answer', parts: [{ kind: 'text', text: words[i] }] } });
    }
    send({ kind: 'status-update', taskId, contextId, status: { state: 'completed' }, final: true });
    return res.end();
  }
  if (method === 'tasks/cancel') {
    return res.json({ jsonrpc: '2.0', id, error: { code: -32001, message: 'Task not found' } });
  }
  return res.json({ jsonrpc: '2.0', id, error: { code: -32601, message: `Method not found: ${method}` } });
};
app.post('/v03', rpc);
app.post('/bare', rpc);
app.post('/garbage', (_req, res) => res.type('text/html').send('<html>not an agent</html>'));
app.listen(port, '127.0.0.1', () => console.log('listening', port));
