// A grpc-js CLIENT of attune.testing.v1.EchoService and grpc.health.v1: one scenario per run.
//
// The Node twin of ../python/echo_client.py: the same scenario names, the same --arg JSON and the same JSON lines on
// stdout, so the C# interop tests assert on what a grpc-js client actually saw. Failures of the call under test are
// results ({"code": "DEADLINE_EXCEEDED", "details": ...}), not crashes. Stubs are loaded from the .proto files at run
// time (@grpc/proto-loader); @grpc/grpc-js and @grpc/proto-loader come from a cache folder on NODE_PATH that the tests
// fill with `npm ci` from package.json / package-lock.json next to this file.
//
// Usage: node echo_client.js --protos DIR --target HOST:PORT --scenario NAME [--arg JSON] [--api-key KEY]
'use strict';

const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

function parseOptions(argv) {
  const options = { arg: '{}', apiKey: null };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${name} needs a value`);
    switch (name) {
      case '--protos': options.protos = value; break;
      case '--target': options.target = value; break;
      case '--scenario': options.scenario = value; break;
      case '--arg': options.arg = value; break;
      case '--api-key': options.apiKey = value; break;
      default: throw new Error(`unknown option ${name}`);
    }
  }
  for (const required of ['protos', 'target', 'scenario']) {
    if (!options[required]) throw new Error(`--${required} is required`);
  }
  return options;
}

function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

function codeName(code) {
  return grpc.status[code] ?? `CODE_${code}`;
}

function errorResult(error) {
  return { code: codeName(error.code), details: error.details };
}

/** Metadata as [key, value] pairs (every value of each key); binary (-bin) values as hex. */
function metadataList(metadata) {
  const pairs = [];
  for (const key of Object.keys(metadata ? metadata.getMap() : {})) {
    for (const value of metadata.get(key)) {
      pairs.push([key, key.endsWith('-bin') ? Buffer.from(value).toString('hex') : String(value)]);
    }
  }
  return pairs;
}

function replyDict(reply) {
  const payload = reply.payload ?? Buffer.alloc(0);
  return {
    message: reply.message,
    payload_len: payload.length,
    payload_hex: Buffer.from(payload.subarray(0, 64)).toString('hex'),
    index: reply.index,
  };
}

function hexRepeat(hex, repeat) {
  const unit = Buffer.from(hex ?? '', 'hex');
  return unit.length === 0 ? Buffer.alloc(0) : Buffer.alloc(unit.length * (repeat ?? 1), unit);
}

class Scenarios {
  constructor(options) {
    this.arg = JSON.parse(options.arg);
    const packageDefinition = protoLoader.loadSync(
      ['attune/testing/v1/echo.proto', 'grpc/health/v1/health.proto'],
      { includeDirs: [options.protos], keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true });
    const loaded = grpc.loadPackageDefinition(packageDefinition);
    const channelOptions = {};
    if ('max_receive' in this.arg) channelOptions['grpc.max_receive_message_length'] = this.arg.max_receive;
    if (options.apiKey) {
      // An interceptor adds x-api-key to every call's metadata, so each scenario's own metadata is unchanged.
      channelOptions.interceptors = [(callOptions, nextCall) => new grpc.InterceptingCall(nextCall(callOptions), {
        start(metadata, listener, next) {
          metadata.add('x-api-key', options.apiKey);
          next(metadata, listener);
        },
      })];
    }
    const credentials = grpc.credentials.createInsecure();
    this.stub = new loaded.attune.testing.v1.EchoService(options.target, credentials, channelOptions);
    this.health = new loaded.grpc.health.v1.Health(options.target, credentials, channelOptions);
  }

  callOptions(seconds = this.arg.timeout) {
    return seconds === undefined || seconds === null ? {} : { deadline: new Date(Date.now() + seconds * 1000) };
  }

  request(fields) {
    return {
      message: fields.message ?? '',
      payload: fields.payload ?? Buffer.alloc(0),
      repeat: fields.repeat ?? 0,
      delay_ms: fields.delay_ms ?? 0,
      fail_code: fields.fail_code ?? 0,
      fail_message: fields.fail_message ?? '',
      echo_metadata: fields.echo_metadata ?? [],
    };
  }

  /** Resolves with the status of a streaming call; replies arrive through onData until then. */
  finished(call, onData) {
    return new Promise((resolve) => {
      call.on('data', onData);
      call.on('error', () => {}); // the status event carries the same code and details
      call.on('status', resolve);
    });
  }

  async unary() {
    const a = this.arg;
    const metadata = new grpc.Metadata();
    for (const [key, value] of a.metadata ?? []) {
      metadata.add(key, key.endsWith('-bin') ? Buffer.from(value, 'hex') : value);
    }
    const request = this.request({
      message: a.message, payload: hexRepeat(a.payload_hex, a.payload_repeat), delay_ms: a.delay_ms,
      fail_code: a.fail_code, fail_message: a.fail_message, echo_metadata: a.echo_metadata,
    });
    let headers = null;
    let call;
    const outcome = new Promise((resolve) => {
      call = this.stub.Unary(request, metadata, this.callOptions(), (error, reply) => resolve({ error, reply }));
    });
    call.on('metadata', (received) => { headers = received; });
    const status = new Promise((resolve) => call.on('status', resolve));
    const { error, reply } = await outcome;
    const trailers = (await status).metadata;
    const result = error ? errorResult(error) : { code: 'OK', ...replyDict(reply) };
    result.headers = metadataList(headers);
    result.trailers = metadataList(trailers);
    return result;
  }

  async server_stream() {
    const a = this.arg;
    const replies = [];
    const call = this.stub.ServerStream(this.request({
      message: a.message, repeat: a.repeat, delay_ms: a.delay_ms, fail_code: a.fail_code, fail_message: a.fail_message,
      payload: hexRepeat(a.payload_hex, a.payload_repeat),
    }), this.callOptions());
    const status = await this.finished(call, (reply) => replies.push(replyDict(reply)));
    return status.code === grpc.status.OK ? { code: 'OK', replies } : { ...errorResult(status), replies };
  }

  async client_stream() {
    const a = this.arg;
    const outcome = new Promise((resolve) => {
      const call = this.stub.ClientStream(this.callOptions(), (error, reply) => resolve({ error, reply }));
      (a.messages ?? []).forEach((m, i) => call.write(this.request({ message: m, payload: Buffer.from([i]) })));
      call.end();
    });
    const { error, reply } = await outcome;
    return error ? errorResult(error) : { code: 'OK', ...replyDict(reply) };
  }

  /** Ping-pong: each request is written only after the previous reply arrived, proving replies stream as they go. */
  async bidi() {
    const a = this.arg;
    const messages = a.messages ?? [];
    const replies = [];
    const call = this.stub.Bidi(this.callOptions());
    const send = (i) => call.write(this.request({
      message: messages[i], fail_code: i === (a.fail_at ?? -1) ? a.fail_code : 0, fail_message: a.fail_message,
    }));
    const status = this.finished(call, (reply) => {
      replies.push(replyDict(reply));
      if (replies.length < messages.length) send(replies.length);
      else call.end();
    });
    if (messages.length > 0) send(0);
    else call.end();
    const final = await status;
    return final.code === grpc.status.OK ? { code: 'OK', replies } : { ...errorResult(final), replies };
  }

  /** Reads `after` replies of a long, slow server stream, then cancels the call. */
  async cancel_server_stream() {
    const a = this.arg;
    const call = this.stub.ServerStream(this.request({
      message: 'slow', repeat: a.repeat ?? 1000, payload: Buffer.alloc(a.payload_bytes ?? 0), delay_ms: a.delay_ms,
    }));
    let received = 0;
    let cancelled = false;
    const status = await this.finished(call, () => {
      if (cancelled) return; // delivered after the cancel: not counted, as python's iterator stops at once
      received += 1;
      if (received === (a.after ?? 2)) {
        cancelled = true;
        call.cancel();
      }
    });
    return status.code === grpc.status.OK ? { code: 'OK', received } : { ...errorResult(status), received };
  }

  /** Writes one message, reads its echo, then cancels while the server waits for the next message. */
  async cancel_bidi() {
    const call = this.stub.Bidi();
    let received = 0;
    const status = this.finished(call, () => {
      received += 1;
      call.cancel(); // the request stream is still open: the server is waiting, not finishing
    });
    call.write(this.request({ message: this.arg.message ?? 'first' }));
    const final = await status;
    return final.code === grpc.status.OK ? { code: 'OK', received } : { ...errorResult(final), received };
  }

  async health_check() {
    const { error, reply } = await new Promise((resolve) => this.health.Check(
      { service: this.arg.service ?? '' }, this.callOptions(5), (e, r) => resolve({ error: e, reply: r })));
    return error ? errorResult(error) : { code: 'OK', status: reply.status };
  }

  /** Emits one line per status update, up to `updates`, then cancels the watch. */
  async health_watch() {
    const updates = this.arg.updates ?? 1;
    const call = this.health.Watch({ service: this.arg.service ?? '' }, this.callOptions(this.arg.timeout ?? 20));
    let seen = 0;
    const status = await this.finished(call, (reply) => {
      if (seen === updates) return;
      emit({ code: 'OK', status: reply.status });
      seen += 1;
      if (seen === updates) call.cancel();
    });
    if (seen === updates && status.code === grpc.status.CANCELLED) return null;
    return status.code === grpc.status.OK ? { code: 'OK', ended: true } : errorResult(status);
  }
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const scenarios = new Scenarios(options);
  // Connected before the scenario starts, so a call's deadline measures the call, not the connection.
  await new Promise((resolve, reject) => scenarios.stub.waitForReady(
    new Date(Date.now() + 20_000), (error) => (error ? reject(error) : resolve())));
  const scenario = Scenarios.prototype[options.scenario];
  if (typeof scenario !== 'function' || options.scenario === 'constructor') {
    throw new Error(`unknown scenario ${options.scenario}`);
  }
  const result = await scenario.call(scenarios);
  if (result !== null) emit(result);
  scenarios.stub.close();
  scenarios.health.close();
}

main().catch((error) => {
  process.stderr.write(`echo_client.js: ${error.stack ?? error}\n`);
  process.exit(2);
});
