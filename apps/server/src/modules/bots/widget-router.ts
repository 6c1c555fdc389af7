import { router } from '../../trpc/init.js';
import { widgetProcedure } from '../../trpc/widget-procedure.js';
import { widgetConfigFor } from './bot-service.js';

export const widgetRouter = router({
  /** Name, greeting, starter questions and colours the widget draws before the first question. */
  config: widgetProcedure.query(({ ctx }) => widgetConfigFor(ctx.bot)),
});
