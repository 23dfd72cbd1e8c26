import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/**
 * manifest.yml, read for what the running app must know about itself: the bot scopes its token
 * should carry (the doctor compares them with the token's), its message shortcuts and whether it
 * has a Home tab (the emulator's page offers them). Resolved from this file, like migrations/:
 * src/slack/ and dist/slack/ both sit two levels below the package root.
 */
export const MANIFEST_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../manifest.yml');

const manifestSchema = z.looseObject({
  features: z
    .looseObject({
      app_home: z.looseObject({ home_tab_enabled: z.boolean().optional() }).optional(),
      shortcuts: z.array(z.looseObject({ name: z.string(), type: z.string(), callback_id: z.string() })).optional(),
    })
    .optional(),
  oauth_config: z.looseObject({ scopes: z.looseObject({ bot: z.array(z.string()) }) }),
});

export interface AppManifest {
  botScopes: string[];
  messageShortcuts: Array<{ callbackId: string; name: string }>;
  homeTab: boolean;
}

export function readManifest(file: string = MANIFEST_FILE): AppManifest {
  const parsed = manifestSchema.parse(parseYaml(readFileSync(file, 'utf8')));
  return {
    botScopes: parsed.oauth_config.scopes.bot,
    messageShortcuts: (parsed.features?.shortcuts ?? []).filter((s) => s.type === 'message').map((s) => ({ callbackId: s.callback_id, name: s.name })),
    homeTab: parsed.features?.app_home?.home_tab_enabled === true,
  };
}
