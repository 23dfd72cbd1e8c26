/** Every Web API method the emulator knows, by name. */
import { annotationMethods } from './annotations.js';
import { chatMethods } from './chat.js';
import type { Handler } from './context.js';
import { conversationMethods } from './conversations.js';
import { fileMethods } from './files.js';
import { userMethods } from './users.js';
import { viewMethods } from './views.js';

export type { Handler, MethodContext, MethodResult } from './context.js';

export const methods: ReadonlyMap<string, Handler> = new Map(
  Object.entries({
    ...userMethods,
    ...conversationMethods,
    ...chatMethods,
    ...annotationMethods,
    ...viewMethods,
    ...fileMethods,
  }),
);
