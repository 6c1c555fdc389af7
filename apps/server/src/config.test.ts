import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('runs on embedded defaults with no settings at all', () => {
    const config = loadConfig({});
    expect(config.JARVIS_DATA_DIR).toBe('.jarvis');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
  });

  it('names every bad variable and what it accepts', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT="eighty"');
    expect(message).toContain('DATABASE_URL="mysql://x"');
  });

  it('reads comma lists and treats empty values as unset', () => {
    const config = loadConfig({ JARVIS_CRAWL_ALLOW_HOSTS: '127.0.0.1, localhost', PORT: '' });
    expect(config.JARVIS_CRAWL_ALLOW_HOSTS).toEqual(['127.0.0.1', 'localhost']);
    expect(config.PORT).toBe(3000);
  });

  it('switches answers and embeddings to OpenAI when a key is set, and refuses openai without one', () => {
    const config = loadConfig({ OPENAI_API_KEY: 'sk-x' });
    expect(config.JARVIS_ANSWERER).toBe('openai');
    expect(config.JARVIS_EMBEDDINGS).toBe('openai');
    const local = loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' });
    expect(local.JARVIS_ANSWERER).toBe('openai');
    expect(local.JARVIS_EMBEDDINGS).toBe('local');
    expect(loadConfig({}).JARVIS_ANSWERER).toBe('extractive');
    expect(() => loadConfig({ JARVIS_ANSWERER: 'openai' })).toThrow(/needs OPENAI_API_KEY/);
  });

  it('needs the Pinecone index host with the Pinecone key', () => {
    expect(() => loadConfig({ PINECONE_API_KEY: 'pc-x' })).toThrow(/PINECONE_INDEX_HOST/);
    expect(
      loadConfig({ PINECONE_API_KEY: 'pc-x', PINECONE_INDEX_HOST: 'idx.svc.pinecone.io' })
        .PINECONE_INDEX_HOST,
    ).toBe('idx.svc.pinecone.io');
  });

  it('turns Supabase Auth on with the project URL, and refuses its secret without it', () => {
    expect(loadConfig({ SUPABASE_URL: 'https://abcd.supabase.co' }).SUPABASE_URL).toBe(
      'https://abcd.supabase.co',
    );
    expect(() => loadConfig({ SUPABASE_URL: 'abcd.supabase.co' })).toThrow(/SUPABASE_URL.*project URL/);
    expect(() => loadConfig({ SUPABASE_JWT_SECRET: 'x'.repeat(40) })).toThrow(/SUPABASE_URL is not/);
    expect(() =>
      loadConfig({ SUPABASE_URL: 'https://abcd.supabase.co', SUPABASE_JWT_SECRET: 'short' }),
    ).toThrow(/at least 32 characters/);
  });
});
