import { describe, expect, it } from 'vitest';
import { ApiError, REDACTED, readErrorBody, scrubSecrets } from './errors';

const KEY = 'sk-proj-AbCdEf0123456789xyz';

describe('key scrubbing', () => {
  it('the typed key never survives in a message', () => {
    expect(scrubSecrets(`Incorrect API key provided: ${KEY}.`, [KEY])).not.toContain(KEY);
  });
  it('anything shaped like an sk- key is hidden even when it is not the typed key', () => {
    const out = scrubSecrets('Incorrect API key provided: sk-abc123456789. You can find your key…');
    expect(out).toContain(REDACTED);
    expect(out).not.toMatch(/sk-abc/);
  });
  it('a custom (non sk-) key is hidden when passed as a secret', () => {
    expect(scrubSecrets('bad key azure0123abcd here', ['azure0123abcd'])).toBe(`bad key ${REDACTED} here`);
  });
  it('an ApiError built from a server message that echoes the key does not contain it', () => {
    const e = new ApiError({ status: 401, kind: 'http', detail: `Incorrect API key provided: ${KEY}` });
    expect(e.message).not.toContain(KEY);
    expect(e.detail).not.toContain(KEY);
  });
});

describe('each failure says what to do', () => {
  const msg = (status: number, code: string | null = null) => new ApiError({ status, kind: 'http', code }).message;
  it('401 talks about the key', () => expect(msg(401)).toMatch(/API key was refused/));
  it('403 talks about permissions', () => expect(msg(403)).toMatch(/Not allowed \(403\)/));
  it('404 points at the base URL', () => expect(msg(404)).toMatch(/base URL/));
  it('413 talks about file size', () => expect(msg(413)).toMatch(/too large/));
  it('429 rate limit says it retries; quota says add credit', () => {
    expect(msg(429)).toMatch(/rate limit/);
    expect(msg(429, 'insufficient_quota')).toMatch(/quota is used up/);
  });
  it('500 and 503 say the problem is on the server', () => {
    expect(msg(500)).toMatch(/server had a problem \(500\)/);
    expect(msg(503)).toMatch(/\(503\)/);
  });
  it('a dropped connection and a missing CORS header give different advice', () => {
    const net = new ApiError({ status: 0, kind: 'network', host: 'api.example.com' }).message;
    const cors = new ApiError({ status: 0, kind: 'cors', host: 'api.example.com' }).message;
    expect(net).toMatch(/connection dropped/);
    expect(cors).toMatch(/CORS/);
    expect(net).not.toBe(cors);
  });
  it('429 and 5xx and drops are retried; 401, 400 and insufficient quota are not', () => {
    expect(new ApiError({ status: 429, kind: 'http' }).retryable).toBe(true);
    expect(new ApiError({ status: 503, kind: 'http' }).retryable).toBe(true);
    expect(new ApiError({ status: 0, kind: 'network' }).retryable).toBe(true);
    expect(new ApiError({ status: 401, kind: 'http' }).retryable).toBe(false);
    expect(new ApiError({ status: 400, kind: 'http' }).retryable).toBe(false);
    expect(new ApiError({ status: 429, kind: 'http', code: 'insufficient_quota' }).retryable).toBe(false);
  });
  it('error bodies are read whether error is full, null or not JSON', () => {
    expect(readErrorBody('{"error":{"message":"m","type":"invalid_request_error","code":null}}')).toEqual({ message: 'm', code: 'invalid_request_error' });
    expect(readErrorBody('{"error":null}')).toEqual({ message: null, code: null });
    expect(readErrorBody('<html>')).toEqual({ message: null, code: null });
  });
});
