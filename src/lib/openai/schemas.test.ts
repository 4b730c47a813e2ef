import { describe, expect, it } from 'vitest';
import { jobSchema, jobListSchema, jobEventSchema } from './schemas';

const base = { id: 'ftjob-1', model: 'gpt-4o-mini-2024-07-18', status: 'running', created_at: 1 };

describe('job responses are parsed, not trusted', () => {
  it('a job whose error is {} has no error to show', () => {
    expect(jobSchema.parse({ ...base, error: {} }).error).toBeNull();
  });
  it('a job whose error is null or missing has no error to show', () => {
    expect(jobSchema.parse({ ...base, error: null }).error).toBeNull();
    expect(jobSchema.parse(base).error).toBeNull();
  });
  it('a full error object keeps the message the user must read', () => {
    const e = jobSchema.parse({
      ...base,
      status: 'failed',
      error: { code: 'invalid_training_file', message: 'Example 3, message 2 bad', param: 'training_file' },
    }).error;
    expect(e?.message).toContain('Example 3');
    expect(e?.code).toBe('invalid_training_file');
  });
  it('the paused status (missing from the documented enum) is understood', () => {
    expect(jobSchema.parse({ ...base, status: 'paused' }).status).toBe('paused');
  });
  it('an unknown future status does not break the list, it is kept as unknown', () => {
    const list = jobListSchema.parse({ data: [{ ...base, status: 'hibernating' }], has_more: false });
    expect(list.data[0].status).toBe('unknown:hibernating');
  });
  it('an event with a null message still parses', () => {
    expect(jobEventSchema.parse({ id: 'e', message: null }).message).toBe('');
  });
  it('a job without an id is rejected', () => {
    expect(jobSchema.safeParse({ model: 'x', status: 'running' }).success).toBe(false);
  });
});
