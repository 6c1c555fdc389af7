import { eq } from 'drizzle-orm';
import { bots } from '../../db/schema.js';
import { apiKeyProcedure } from '../../trpc/api-key-procedure.js';
import { router } from '../../trpc/init.js';

/** The owner's bots. */
export const botsRouter = router({
  list: apiKeyProcedure.query(({ ctx }) =>
    ctx.services.orm
      .select({
        id: bots.id,
        slug: bots.slug,
        name: bots.name,
        publishableKey: bots.publishableKey,
        allowedOrigins: bots.allowedOrigins,
      })
      .from(bots)
      .where(eq(bots.workspaceId, ctx.workspaceId))
      .orderBy(bots.createdAt),
  ),
});
