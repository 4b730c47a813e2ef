// The Train tab's "where to train": endpoint presets and their model lists, and the "Train on …" commands.
import { describe, expect, it } from 'vitest';
import { elsewherePlan, resourceId, shellWord } from './train-dataset';
import { AZURE_BASE_URL, TrainState, parseModelList, placeOf } from './train.svelte';

describe('Train on Together AI / Fireworks AI', () => {
  it('Together: the documented upload and create commands, filled in with the file and the model', () => {
    const p = elsewherePlan('together', 'Support bot', 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference');
    expect(p.fileName).toBe('Support bot.together.jsonl');
    expect(p.upload).toBe("together files upload 'Support bot.together.jsonl'");
    expect(p.create).toBe('together fine-tuning create --training-file "$FILE_ID" --model meta-llama/Meta-Llama-3.1-8B-Instruct-Reference');
    expect(p.env).toBe('TOGETHER_API_KEY');
  });
  it('Fireworks: firectl dataset create, then a supervised job on that dataset; the key only as $FIREWORKS_API_KEY', () => {
    const p = elsewherePlan('fireworks', 'Support bot', 'llama-v3-8b-instruct');
    expect(p.upload).toBe('firectl dataset create support-bot \'Support bot.fireworks.jsonl\' --api-key "$FIREWORKS_API_KEY"');
    expect(p.create).toBe(
      'firectl supervised-fine-tuning-job create --base-model llama-v3-8b-instruct --dataset support-bot --output-model support-bot-tuned --api-key "$FIREWORKS_API_KEY"',
    );
  });
  it('hostile names and models cannot break out of the command', () => {
    const p = elsewherePlan('together', "it's; rm -rf ~ $(boom)", "m'odel\n--evil");
    expect(p.upload).toBe("together files upload 'it'\\''s; rm -rf ~ $(boom).together.jsonl'");
    expect(p.create.endsWith("--model 'm'\\''odel--evil'")).toBe(true);
    expect(shellWord('')).toBe("''");
    expect(resourceId('模型 数据')).toBe('tuneset-dataset');
    expect(resourceId('2024 Q&A!')).toBe('ds-2024-q-a');
    expect(elsewherePlan('fireworks', 'x', '   ').create).toContain('--base-model llama-v3-8b-instruct');
  });
});

describe('endpoint presets', () => {
  it('a remembered endpoint is recognised as OpenAI, Azure or another compatible service', () => {
    expect(placeOf({ baseUrl: 'https://api.openai.com/v1', authStyle: 'bearer' })).toBe('openai');
    expect(placeOf({ baseUrl: 'https://acme.openai.azure.com/openai/v1', authStyle: 'api-key' })).toBe('azure');
    expect(placeOf({ baseUrl: 'https://llm.example.com/v1', authStyle: 'bearer' })).toBe('compatible');
    expect(placeOf({ baseUrl: 'not a url', authStyle: 'bearer' })).toBe('compatible');
  });
  it('the model list field takes one id per line (or commas), without blanks or repeats', () => {
    expect(parseModelList(' a \n\nb, c\na')).toEqual(['a', 'b', 'c']);
  });
  it('presets set the base URL and key header; OpenAI offers only the models still running on the day', () => {
    const before = new TrainState({ storage: null, now: () => new Date('2026-12-07T12:00:00Z') });
    expect(before.offeredModels).toContain('gpt-4o-mini-2024-07-18');
    expect(before.offeredModels).not.toContain('gpt-4.1-nano-2025-04-14'); // shut down 2026-10-23
    before.setPlace('azure');
    expect(before.endpoint).toMatchObject({ baseUrl: AZURE_BASE_URL, authStyle: 'api-key' });
    before.setPlace('compatible');
    expect(before.endpoint).toMatchObject({ baseUrl: '', authStyle: 'bearer' });
    expect(before.offeredModels).toEqual([]);
    before.setEndpoint({ baseUrl: 'https://llm.example.com/v1' });
    before.setModelList('org/model-a\norg/model-b');
    expect(before.offeredModels).toEqual(['org/model-a', 'org/model-b']);
    before.setPlace('together');
    expect(before.endpointPlace).toBeNull();
    before.setPlace('compatible');
    expect(before.endpoint.baseUrl).toBe('https://llm.example.com/v1');
    const after = new TrainState({ storage: null, now: () => new Date('2027-02-01T00:00:00Z') });
    expect(after.offeredModels).toEqual([]);
  });

  it('at a new day, a tab left open drops from OpenAI’s list the models retired since, but keeps a list the user wrote', () => {
    const open = new TrainState({ storage: null, now: () => new Date('2027-01-14T12:00:00Z') });
    expect(open.offeredModels).toContain('gpt-4o-mini-2024-07-18'); // shuts down 2027-01-14: its last day
    open.setToday(new Date('2027-01-15T00:00:01Z'));
    expect(open.offeredModels).not.toContain('gpt-4o-mini-2024-07-18');
    const edited = new TrainState({ storage: null, now: () => new Date('2027-01-14T12:00:00Z') });
    edited.setModelList('gpt-4o-mini-2024-07-18\nmy-deployment');
    edited.setToday(new Date('2027-01-15T00:00:01Z'));
    expect(edited.offeredModels).toEqual(['gpt-4o-mini-2024-07-18', 'my-deployment']);
  });
});
