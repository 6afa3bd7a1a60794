// An MCP server made with the official SDK (@modelcontextprotocol/sdk), on the Streamable HTTP
// transport at /mcp with sessions: initialize opens one, DELETE ends it. PORT is required.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const sessions = {};
const app = express();
app.use(express.json());
app.use((req, _res, next) => {
  console.log('REQ', req.method, req.path, req.body?.method ?? '-', req.headers['mcp-session-id'] ?? '-');
  next();
});
app.post('/mcp', async (req, res) => {
  let transport = sessions[req.headers['mcp-session-id']];
  if (!transport && isInitializeRequest(req.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => { sessions[id] = transport; },
    });
    transport.onclose = () => { console.log('CLOSED', transport.sessionId); delete sessions[transport.sessionId]; };
    const server = new McpServer({ name: 'probe-target', version: '1.0.0' });
    server.registerTool('echo', { description: 'echo', inputSchema: { text: z.string() } },
      async ({ text }) => ({ content: [{ type: 'text', text }] }));
    await server.connect(transport);
  } else if (!transport) {
    return res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request: No valid session ID provided' }, id: null });
  }
  await transport.handleRequest(req, res, req.body);
});
const existing = async (req, res) => {
  const transport = sessions[req.headers['mcp-session-id']];
  if (!transport) return res.status(400).send('Invalid or missing session ID');
  await transport.handleRequest(req, res);
};
app.get('/mcp', existing);
app.delete('/mcp', existing);
const port = Number(process.env.PORT);
app.listen(port, '127.0.0.1', () => console.log('listening', port));
