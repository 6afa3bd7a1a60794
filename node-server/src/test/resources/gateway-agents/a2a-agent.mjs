// An A2A v1.0 agent made with the official SDK (@a2a-js/sdk 1.3.0), streaming. Card at
// /.well-known/agent-card.json, JSON-RPC at /a2a/jsonrpc. PORT is required. By the message text:
//   "stream ..." -> artifact chunks "one ", "two ", "three", 400 ms apart, then completed
//   "ask"        -> input required ("what is your name?"); the follow-up completes "hello <text>"
//   "fail"       -> failed with a status message
//   "wait"       -> working until canceled
//   otherwise    -> one artifact: "echo: <text>" and a data part with the skill metadata and parts
// A POST to /garbage answers HTML; /silent never answers.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { A2A_PROTOCOL_VERSION, AGENT_CARD_PATH, Role, TaskState } from '@a2a-js/sdk';
import { DefaultRequestHandler, InMemoryTaskStore, AgentEvent } from '@a2a-js/sdk/server';
import { agentCardHandler, jsonRpcHandler, UserBuilder } from '@a2a-js/sdk/server/express';

const port = Number(process.env.PORT);
const card = {
  name: 'Gateway target', description: 'echoes and streams for the connector tests', version: '1.0.0',
  supportedInterfaces: [{ url: `http://127.0.0.1:${port}/a2a/jsonrpc`, protocolBinding: 'JSONRPC',
    tenant: '', protocolVersion: A2A_PROTOCOL_VERSION }],
  capabilities: { streaming: true, pushNotifications: false, extensions: [], extendedAgentCard: false },
  securitySchemes: {}, securityRequirements: [], defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'], signatures: [],
  skills: [{ id: 'echo', name: 'Echo', description: 'echo', tags: ['echo'], examples: [],
    inputModes: [], outputModes: [], securityRequirements: [] }],
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const text = (value) => ({ content: { $case: 'text', value }, mediaType: 'text/plain', filename: '', metadata: undefined });
const data = (value) => ({ content: { $case: 'data', value }, mediaType: 'application/json', filename: '', metadata: undefined });
const textOf = (parts = []) => parts.filter((p) => p.content?.$case === 'text').map((p) => p.content.value).join('');
const agentMessage = (ctx, parts) => ({ messageId: randomUUID(), contextId: ctx.contextId, taskId: ctx.taskId,
  role: Role.ROLE_AGENT, parts, metadata: undefined, extensions: [], referenceTaskIds: [] });
const canceled = new Set();

const executor = {
  async cancelTask(taskId, bus) {
    canceled.add(taskId);
  },
  async execute(ctx, bus) {
    const status = (state, message) => bus.publish(AgentEvent.statusUpdate({ taskId: ctx.taskId,
      contextId: ctx.contextId, status: { state, timestamp: new Date().toISOString(), message }, metadata: undefined }));
    const artifact = (artifactId, parts, append, lastChunk) => bus.publish(AgentEvent.artifactUpdate({
      taskId: ctx.taskId, contextId: ctx.contextId, append, lastChunk, metadata: undefined,
      artifact: { artifactId, name: 'answer', description: '', parts, metadata: undefined, extensions: [] } }));
    const said = textOf(ctx.userMessage.parts);
    bus.publish(AgentEvent.task(ctx.task ?? { id: ctx.taskId, contextId: ctx.contextId,
      status: { state: TaskState.TASK_STATE_SUBMITTED, timestamp: new Date().toISOString(), message: undefined },
      artifacts: [], history: [ctx.userMessage], metadata: undefined }));
    if (ctx.task) { // a follow-up to "ask"
      artifact(randomUUID(), [text(`hello ${said}`)], false, true);
      status(TaskState.TASK_STATE_COMPLETED, undefined);
    } else if (said.startsWith('stream')) {
      status(TaskState.TASK_STATE_WORKING, undefined);
      const id = randomUUID();
      const words = ['one ', 'two ', 'three'];
      for (let i = 0; i < words.length; i++) {
        await sleep(400);
        artifact(id, [text(words[i])], i > 0, i === words.length - 1);
      }
      status(TaskState.TASK_STATE_COMPLETED, undefined);
    } else if (said === 'ask') {
      status(TaskState.TASK_STATE_INPUT_REQUIRED, agentMessage(ctx, [text('what is your name?')]));
    } else if (said === 'fail') {
      status(TaskState.TASK_STATE_FAILED, agentMessage(ctx, [text('it broke')]));
    } else if (said === 'wait') {
      status(TaskState.TASK_STATE_WORKING, undefined);
      while (!canceled.has(ctx.taskId)) await sleep(50);
      status(TaskState.TASK_STATE_CANCELED, undefined);
    } else {
      const meta = ctx.userMessage.metadata ?? {};
      artifact(randomUUID(), [text(`echo: ${said}`), data({ skill: meta.skill ?? null, tool: meta.tool ?? null,
        parts: ctx.userMessage.parts.map((p) => p.content?.$case) })], false, true);
      status(TaskState.TASK_STATE_COMPLETED, undefined);
    }
    bus.finished();
  },
};
const handler = new DefaultRequestHandler(card, new InMemoryTaskStore(), executor);
const app = express();
app.use((req, _res, next) => { console.log('REQ', req.method, req.path, req.headers['a2a-version'] ?? '-'); next(); });
app.use(`/${AGENT_CARD_PATH}`, agentCardHandler({ agentCardProvider: handler }));
app.use('/a2a/jsonrpc', jsonRpcHandler({ requestHandler: handler, userBuilder: UserBuilder.noAuthentication }));
app.post('/garbage', (_req, res) => res.type('text/html').send('<html>not an agent</html>'));
app.post('/silent', () => {});
app.listen(port, '127.0.0.1', () => console.log('listening', port));
