// An MCP server made with the official SDK (@modelcontextprotocol/sdk 1.32.2), Streamable HTTP with
// sessions, at /mcp (answers as event streams) and /mcp-json (answers as JSON). Tools:
//   echo {text}            -> text "echo: <text>"
//   weather {city, days}   -> text plus structuredContent (declares an outputSchema)
//   progress {text}        -> two progress notifications 300 ms apart, then "done: <text>"
//   picture {}             -> an image and a resource link
// tools/list is served two tools per page (nextCursor). An unknown session id gets 404;
// POST /forget drops every session (as a restarted server would). PORT is required.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sessions = {};
const app = express();
app.use(express.json());
app.use((req, _res, next) => {
  console.log('REQ', req.method, req.path, req.body?.method ?? '-', req.headers['mcp-session-id'] ?? '-',
    req.headers['mcp-protocol-version'] ?? '-');
  next();
});

function newServer() {
  const server = new McpServer({ name: 'gateway-target', version: '1.0.0' });
  server.registerTool('echo', { title: 'Echo', description: 'echoes text', inputSchema: { text: z.string() } },
    async ({ text }) => ({ content: [{ type: 'text', text: `echo: ${text}` }] }));
  server.registerTool('weather', { description: 'a forecast',
    inputSchema: { city: z.string(), days: z.number() },
    outputSchema: { city: z.string(), celsius: z.array(z.number()) } },
  async ({ city, days }) => {
    const forecast = { city, celsius: Array.from({ length: days }, (_, i) => 20 + i) };
    return { content: [{ type: 'text', text: JSON.stringify(forecast) }], structuredContent: forecast };
  });
  server.registerTool('progress', { description: 'reports progress', inputSchema: { text: z.string() } },
    async ({ text }, extra) => {
      const token = extra._meta?.progressToken;
      for (let i = 1; i <= 2; i++) {
        if (token !== undefined) {
          await extra.sendNotification({ method: 'notifications/progress',
            params: { progressToken: token, progress: i, total: 2, message: `step ${i}` } });
        }
        await sleep(300);
      }
      return { content: [{ type: 'text', text: `done: ${text}` }] };
    });
  server.registerTool('picture', { description: 'a picture and a link', inputSchema: {} },
    async () => ({ content: [
      { type: 'image', data: 'iVBORw0KGgo=', mimeType: 'image/png' },
      { type: 'resource_link', uri: 'https://example.com/big.png', name: 'big.png', mimeType: 'image/png' },
    ] }));
  // Serve tools/list in pages of two, to make clients follow nextCursor.
  const all = server.server._requestHandlers.get('tools/list');
  server.server.setRequestHandler(ListToolsRequestSchema, async (request, extra) => {
    const { tools } = await all(request, extra);
    const start = Number(request.params?.cursor ?? 0);
    const page = { tools: tools.slice(start, start + 2) };
    if (start + 2 < tools.length) page.nextCursor = String(start + 2);
    return page;
  });
  return server;
}

const post = (json) => async (req, res) => {
  const id = req.headers['mcp-session-id'];
  let transport = id ? sessions[id] : undefined;
  if (id && !transport) {
    return res.status(404).json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null });
  }
  if (!transport && isInitializeRequest(req.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(), enableJsonResponse: json,
      onsessioninitialized: (sid) => { sessions[sid] = transport; },
    });
    await newServer().connect(transport);
  } else if (!transport) {
    return res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request: No valid session ID provided' }, id: null });
  }
  await transport.handleRequest(req, res, req.body);
};
app.post('/mcp', post(false));
app.post('/mcp-json', post(true));
const other = async (req, res) => {
  const transport = sessions[req.headers['mcp-session-id']];
  if (!transport) return res.status(404).send('no such session');
  if (req.method === 'GET') return res.status(405).end();
  await transport.handleRequest(req, res);
};
app.get(['/mcp', '/mcp-json'], other);
app.delete(['/mcp', '/mcp-json'], other);
app.post('/forget', (_req, res) => {
  for (const key of Object.keys(sessions)) delete sessions[key];
  res.json({ forgotten: true });
});
const port = Number(process.env.PORT);
app.listen(port, '127.0.0.1', () => console.log('listening', port));
