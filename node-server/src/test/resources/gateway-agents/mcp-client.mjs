// An MCP client made with the official SDK (@modelcontextprotocol/sdk 1.32.2: Client and
// StreamableHTTPClientTransport), run by the MCP front door's ITs against the node's /mcp and
// /mcp/{agent_id}.
// Usage: node mcp-client.mjs <endpoint URL> <scenario> [bearer token] [agent id]
//   a2a    -> tools of an A2A agent, a call with its real answer, an unknown tool, bad arguments,
//             a question and its answer ("ask"), a failed task ("fail"), session end
//   mcp    -> the proxied tools of an MCP agent (every page), calls with text, structured content
//             checked by the SDK against the tool's outputSchema, an image and a link; bad
//             arguments; an unknown tool
//   stream -> "stream please" with a progress token: each chunk as a progress notification
//   node   -> the node's own server: tools, discover_agents, get_agent_profile, check_reputation,
//             invoke_agent on [agent id], get_task, agent cards as resources, an unknown resource
// Prints one JSON line per step ({"step": …, "t": ms}); an error is a step too. Exits 1 when
// something that must work throws.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const [url, scenario, token, agentId] = process.argv.slice(2);
const out = (step, data = {}) => console.log(JSON.stringify({ step, t: Date.now(), ...data }));
const headers = token ? { Authorization: `Bearer ${token}` } : {};
const client = new Client({ name: 'peerclaw-it', version: '1.0.0' });
client.onerror = (e) => out('onerror', { message: String(e?.message ?? e) });
const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });

// A call whose failure is an expected answer: its error becomes a step.
const attempt = async (step, fn) => {
  try {
    out(step, { result: await fn() });
  } catch (e) {
    out(step, { error: { code: e.code ?? null, message: String(e.message ?? e) } });
  }
};
const call = (name, args, options) => client.callTool({ name, arguments: args }, undefined, options);

try {
  await client.connect(transport);
  out('connected', { server: client.getServerVersion(), version: transport.protocolVersion,
    session: transport.sessionId, capabilities: client.getServerCapabilities(),
    instructions: client.getInstructions() });
  await client.ping();
  out('ping');
  if (scenario === 'a2a') {
    const { tools } = await client.listTools();
    out('tools', { tools });
    await attempt('call', () => call(tools[0].name, { message: 'hello' }));
    await attempt('unknown', () => call('__no_such_tool__', { message: 'x' }));
    await attempt('bad-arguments', () => call(tools[0].name, { text: 'hello' }));
    const asked = await call(tools[0].name, { message: 'ask' });
    out('asked', { result: asked });
    await attempt('answered', () => call(tools[0].name,
      { message: 'Ada', taskId: asked.structuredContent?.taskId }));
    await attempt('failed', () => call(tools[0].name, { message: 'fail' }));
    out('resources', await client.listResources());
    out('prompts', await client.listPrompts());
    await attempt('set-level', () => client.setLoggingLevel('info'));
  } else if (scenario === 'mcp') {
    const tools = [];
    let cursor;
    do {
      const page = await client.listTools(cursor ? { cursor } : {});
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor);
    out('tools', { tools });
    await attempt('echo', () => call('echo', { text: 'hi' }));
    await attempt('weather', () => call('weather', { city: 'Oslo', days: 2 }));
    await attempt('picture', () => call('picture', {}));
    await attempt('bad-arguments', () => call('weather', { city: 'Oslo' }));
    await attempt('unknown', () => call('nope', {}));
  } else if (scenario === 'stream') {
    const { tools } = await client.listTools();
    const progress = [];
    const result = await call(tools[0].name, { message: 'stream please' },
      { onprogress: (p) => progress.push({ ...p, t: Date.now() }) });
    out('streamed', { progress, result });
  } else if (scenario === 'node') {
    const { tools } = await client.listTools();
    out('tools', { tools });
    await attempt('discover', () => call('discover_agents', { query: 'target', limit: 50 }));
    await attempt('discover-bad', () => call('discover_agents', { protocol: 'smtp' }));
    await attempt('profile', () => call('get_agent_profile', { agent_id: agentId }));
    await attempt('reputation', () => call('check_reputation', { agent_id: agentId }));
    const invoked = await call('invoke_agent', { agent_id: agentId, message: 'hello node' });
    out('invoke', { result: invoked });
    await attempt('get-task', () => call('get_task', { task_id: invoked._meta?.['peerclaw.io/taskId'] }));
    await attempt('invoke-unknown', () => call('invoke_agent', { agent_id: 'a'.repeat(32), message: 'x' }));
    await attempt('resources', () => client.listResources());
    await attempt('templates', () => client.listResourceTemplates());
    await attempt('read', () => client.readResource({ uri: `peerclaw://agents/${agentId}` }));
    await attempt('read-unknown', () => client.readResource({ uri: 'peerclaw://agents/nobody' }));
  } else {
    throw new Error(`unknown scenario ${scenario}`);
  }
  await transport.terminateSession();
  out('terminated', { session: transport.sessionId ?? null });
  await client.close();
} catch (e) {
  out('failed', { code: e.code ?? null, message: String(e.message ?? e) });
  process.exit(1);
}
