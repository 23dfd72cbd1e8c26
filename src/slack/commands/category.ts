import { parseCategory } from '../../domain/classify.js';
import { CATEGORIES } from '../../domain/types.js';
import { changeCategory } from '../../incidents/changeCategory.js';
import { UsageError } from '../replies.js';
import { incidentRef } from '../blocks/format.js';
import { quoteInput } from './commandInput.js';
import { words } from './parseArgs.js';
import type { Subcommand } from './subcommand.js';

const USAGE = `/incident category ${CATEGORIES.join('|')}`;
const EXAMPLE = '/incident category data';

export const categorySubcommand: Subcommand = {
  name: 'category',
  usage: USAGE,
  example: EXAMPLE,
  description: 'Reclassify the failure (data, model, integration, infrastructure, safety, retrieval)',
  needsIncident: true,
  run: (request, deps) => {
    const [first, ...extra] = words(request.args);
    if (!first) throw new UsageError(`Which category? One of ${CATEGORIES.join(', ')}.`, USAGE, EXAMPLE);
    const category = parseCategory(first);
    if (!category || extra.length > 0) {
      throw new UsageError(`${quoteInput(request.args)} is not a category. Use one of ${CATEGORIES.join(', ')}.`, USAGE, EXAMPLE);
    }
    const incidentId = request.incident!.id;
    const change = changeCategory(deps.ctx, { incidentId, category, userId: request.userId });
    const paging =
      change.routesTo !== change.rotation
        ? ` Paging stays with the *${change.rotation}* rotation; \`/incident escalate ${change.routesTo}\` brings in the ${change.routesTo} rotation too.`
        : '';
    return { text: `:label: ${incidentRef(incidentId)} is now in the *${category}* category (was ${change.from}).${paging}` };
  },
};
