import { randomBytes } from 'node:crypto';
import { and, eq, notExists } from 'drizzle-orm';
import type { Orm } from '../../adapters/db/port.js';
import { type BotSettings, bots, workspaceMembers, workspaces } from '../../db/schema.js';

/** A bot as the rest of the server sees it, settings merged over defaults. */
export interface Bot {
  id: string;
  workspaceId: string;
  slug: string;
  name: string;
  publishableKey: string;
  allowedOrigins: string[];
  settings: ResolvedBotSettings;
}

/** A bot's settings with every default filled in; `model` stays optional (the server's default applies). */
export type ResolvedBotSettings = BotSettings & typeof defaultSettings;

/** What the widget needs to draw itself before the first question. */
export interface WidgetConfig {
  name: string;
  greeting: string;
  starterQuestions: string[];
  accentColor: string;
  accentTextColor: string;
  avatarUrl: string;
  placeholder: string;
  strings: NonNullable<BotSettings['strings']>;
}

const defaultSettings = {
  greeting: 'Hi! Ask me anything about this site.',
  starterQuestions: [] as string[],
  fallbackMessage:
    "I couldn't find that on this site. Try asking in a different way, or contact the site's owner.",
  accentColor: '#4f46e5',
  accentTextColor: '',
  avatarUrl: '',
  strings: {},
  // Empty: the widget shows "Ask a question…" in the visitor's language; an owner's text replaces it.
  placeholder: '',
  instructions: '',
  temperature: 0.2,
  maxTokens: 700,
  language: 'auto',
} satisfies BotSettings;

/** The workspace used when Jarvis runs without accounts (CLI and embedded mode). */
export async function ensureLocalWorkspace(orm: Orm): Promise<string> {
  // The local workspace is the one nobody signed up for: a workspace with members belongs to them,
  // and the CLI must never put bots or keys there.
  const [existing] = await orm
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(
      notExists(orm.select().from(workspaceMembers).where(eq(workspaceMembers.workspaceId, workspaces.id))),
    )
    .orderBy(workspaces.createdAt)
    .limit(1);
  if (existing) return existing.id;
  const [created] = await orm.insert(workspaces).values({ name: 'Local' }).returning({ id: workspaces.id });
  return created!.id;
}

export interface CreateBotInput {
  workspaceId: string;
  slug: string;
  name: string;
  allowedOrigins?: string[];
  settings?: BotSettings;
}

export async function createBot(orm: Orm, input: CreateBotInput): Promise<Bot> {
  const [row] = await orm
    .insert(bots)
    .values({
      workspaceId: input.workspaceId,
      slug: input.slug,
      name: input.name,
      publishableKey: `pk_${randomBytes(18).toString('base64url')}`,
      allowedOrigins: input.allowedOrigins ?? ['*'],
      settings: input.settings ?? {},
    })
    .returning();
  return toBot(row!);
}

export async function findBotBySlug(orm: Orm, workspaceId: string, slug: string): Promise<Bot | undefined> {
  const [row] = await orm
    .select()
    .from(bots)
    .where(and(eq(bots.workspaceId, workspaceId), eq(bots.slug, slug)));
  return row && toBot(row);
}

export async function findBotByPublishableKey(orm: Orm, key: string): Promise<Bot | undefined> {
  const [row] = await orm.select().from(bots).where(eq(bots.publishableKey, key));
  return row && toBot(row);
}

/** Whether a browser page at `origin` may use this bot. Requests without an Origin are not from a browser. */
export function isOriginAllowed(bot: Bot, origin: string | undefined): boolean {
  if (!origin) return true;
  return bot.allowedOrigins.includes('*') || bot.allowedOrigins.includes(origin);
}

export function widgetConfigFor(bot: Bot): WidgetConfig {
  const { greeting, starterQuestions, accentColor, accentTextColor, avatarUrl, placeholder, strings } =
    bot.settings;
  return {
    name: bot.name,
    greeting,
    starterQuestions,
    accentColor,
    accentTextColor,
    avatarUrl,
    placeholder,
    strings,
  };
}

function toBot(row: typeof bots.$inferSelect): Bot {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    slug: row.slug,
    name: row.name,
    publishableKey: row.publishableKey,
    allowedOrigins: row.allowedOrigins,
    settings: { ...defaultSettings, ...row.settings },
  };
}
