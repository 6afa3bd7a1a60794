// A small ACP 0.2 server (i-am-bee, docs/spec/openapi.yaml) in express, as no official JS server
// exists: /ping, /agents, /agents/{name}, POST /runs (sync, async, stream), GET /runs/{id},
// POST /runs/{id} (resume), POST /runs/{id}/cancel, GET /runs/{id}/events. Ids are UUIDs, times
// ISO-8601 UTC, errors {code, message}. Two bases: /solo serves one agent (echo), /multi three:
//   echo   -> "echo: <text>"; in stream mode the words "one ", "two ", "three" 400 ms apart,
//             plus a named part "summary" (an artifact of its own)
//   asker  -> awaiting ("what is your name?"); resumed it completes "hello <text>"
//   sleepy -> answers after 5 s
// PORT is required.
import express from 'express';
import { randomUUID } from 'node:crypto';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => new Date().toISOString();
const manifest = (name, description) => ({ name, description, input_content_types: ['text/plain'],
  output_content_types: ['text/plain'], metadata: {} });
const AGENTS = { echo: manifest('echo', 'echoes'), asker: manifest('asker', 'asks your name'),
  sleepy: manifest('sleepy', 'takes its time') };
const runs = new Map();
const events = new Map();
const error = (res, status, code, message) => res.status(status).json({ code, message });
const message = (parts) => ({ role: 'agent/echo', parts, created_at: now(), completed_at: now() });
const text = (content, name) => (name ? { content_type: 'text/plain', content, name } : { content_type: 'text/plain', content });
const textOf = (messages) => messages.flatMap((m) => m.parts ?? [])
  .filter((p) => (p.content_type ?? 'text/plain').startsWith('text/') && p.content_encoding !== 'base64')
  .map((p) => p.content ?? '').join('');

// Runs an agent to its end (or to awaiting), reporting events as they happen.
async function execute(run, input, emit, resumed, mode) {
  const said = textOf(input);
  const set = (status) => { run.status = status; emit({ type: `run.${status}`, run: { ...run } }); };
  set('in-progress');
  if (run.agent_name === 'asker' && !resumed) {
    run.await_request = { type: 'message', message: message([text('what is your name?')]) };
    set('awaiting');
    return;
  }
  delete run.await_request;
  if (run.agent_name === 'sleepy') await sleep(5000);
  if (said === 'fail') {
    run.error = { code: 'server_error', message: 'it broke' };
    run.finished_at = now();
    set('failed');
    return;
  }
  let parts;
  if (run.agent_name === 'asker') {
    parts = [text(`hello ${said}`)];
  } else if (mode === 'stream') {
    parts = [];
    emit({ type: 'message.created', message: message([]) });
    for (const word of ['one ', 'two ', 'three']) {
      await sleep(400);
      parts.push(text(word));
      emit({ type: 'message.part', part: text(word) });
    }
    const summary = text('3 words', 'summary');
    parts.push(summary);
    emit({ type: 'message.part', part: summary });
  } else {
    const data = input.flatMap((m) => m.parts).filter((p) => p.content_type === 'application/json');
    parts = [text(`echo: ${said}`), ...data.map((p) => ({ content_type: 'application/json', content: p.content }))];
  }
  const out = message(parts);
  emit({ type: 'message.completed', message: out });
  run.output.push(out);
  run.finished_at = now();
  set('completed');
}

function router(agentNames) {
  const r = express.Router();
  r.get('/ping', (_req, res) => res.json({}));
  r.get('/agents', (_req, res) => res.json({ agents: agentNames.map((n) => AGENTS[n]) }));
  r.get('/agents/:name', (req, res) => (agentNames.includes(req.params.name)
    ? res.json(AGENTS[req.params.name]) : error(res, 404, 'not_found', `Agent ${req.params.name} not found`)));
  const start = async (req, res, run, input, mode, resumed) => {
    const log = events.get(run.run_id);
    if (mode === 'stream') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', 'Run-ID': run.run_id });
      const emit = (e) => { log.push(e); res.write(`data: ${JSON.stringify(e)}\n\n`); };
      if (!resumed) emit({ type: 'run.created', run: { ...run } });
      await execute(run, input, emit, resumed, mode);
      return res.end();
    }
    const done = execute(run, input, (e) => log.push(e), resumed, mode);
    if (mode === 'async') return res.status(202).set('Run-ID', run.run_id).json({ ...run, status: 'created' });
    await done;
    return res.set('Run-ID', run.run_id).json(run);
  };
  r.post('/runs', async (req, res) => {
    const { agent_name: name, input, mode = 'sync', session_id: session } = req.body ?? {};
    console.log('RUN', name, mode, session ?? '-');
    if (!agentNames.includes(name)) return error(res, 404, 'not_found', `Agent ${name} not found`);
    if (!Array.isArray(input) || input.length === 0) return error(res, 422, 'invalid_input', 'input must not be empty');
    const run = { run_id: randomUUID(), agent_name: name, session_id: session ?? randomUUID(), status: 'created',
      output: [], created_at: now() };
    runs.set(run.run_id, run);
    events.set(run.run_id, []);
    return start(req, res, run, input, mode, false);
  });
  r.get('/runs/:id', (req, res) => (runs.has(req.params.id)
    ? res.json(runs.get(req.params.id)) : error(res, 404, 'not_found', `Run ${req.params.id} not found`)));
  r.get('/runs/:id/events', (req, res) => (runs.has(req.params.id)
    ? res.json({ events: events.get(req.params.id) }) : error(res, 404, 'not_found', `Run ${req.params.id} not found`)));
  r.post('/runs/:id', async (req, res) => {
    const run = runs.get(req.params.id);
    if (!run) return error(res, 404, 'not_found', `Run ${req.params.id} not found`);
    if (run.status !== 'awaiting') return error(res, 403, 'invalid_input', `Run ${run.run_id} is not awaiting`);
    const resume = req.body?.await_resume;
    if (resume?.type !== 'message' || !resume.message) return error(res, 422, 'invalid_input', 'await_resume must carry a message');
    console.log('RESUME', run.run_id, req.body.mode);
    return start(req, res, run, [resume.message], req.body.mode ?? 'sync', true);
  });
  r.post('/runs/:id/cancel', (req, res) => {
    const run = runs.get(req.params.id);
    if (!run) return error(res, 404, 'not_found', `Run ${req.params.id} not found`);
    if (['completed', 'failed', 'cancelled'].includes(run.status)) return error(res, 403, 'invalid_input', 'Run is over');
    run.status = 'cancelled';
    return res.status(202).json({ ...run, status: 'cancelling' });
  });
  return r;
}

const app = express();
app.use(express.json());
app.use((req, _res, next) => { console.log('REQ', req.method, req.path); next(); });
app.use('/solo', router(['echo']));
app.use('/multi', router(['echo', 'asker', 'sleepy']));
app.get('/garbage/agents', (_req, res) => res.type('text/html').send('<html>nope</html>'));
app.post('/garbage/runs', (_req, res) => res.type('text/html').send('<html>nope</html>'));
const port = Number(process.env.PORT);
app.listen(port, '127.0.0.1', () => console.log('listening', port));
