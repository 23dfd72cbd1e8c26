/** users.*, usergroups.* and auth.test — who is who. */
import { bool, str } from '../args.js';
import type { Handler } from './context.js';
import { fail, ok, userJson } from './context.js';

const authTest: Handler = (ctx) => {
  const { me } = ctx.ws;
  return ok({
    url: `${ctx.baseUrl}/`,
    team: me.teamName,
    user: 'vigil',
    team_id: me.teamId,
    user_id: me.botUserId,
    bot_id: me.botId,
    is_enterprise_install: false,
  });
};

const apiTest: Handler = (ctx) => ok({ args: ctx.args });

const info: Handler = (ctx) => {
  const u = ctx.ws.user(str(ctx.args, 'user') ?? '');
  return u ? ok({ user: userJson(ctx.ws, u) }) : fail('user_not_found');
};

const list: Handler = (ctx) =>
  ok({
    members: [...ctx.ws.users.values()].map((u) => userJson(ctx.ws, u)),
    cache_ts: ctx.ws.nowSeconds(),
    response_metadata: { next_cursor: '' },
  });

const lookupByEmail: Handler = (ctx) => {
  const email = (str(ctx.args, 'email') ?? '').toLowerCase();
  const u = [...ctx.ws.users.values()].find((x) => x.email?.toLowerCase() === email);
  return u ? ok({ user: userJson(ctx.ws, u) }) : fail('users_not_found');
};

const usergroupsList: Handler = (ctx) => {
  const includeUsers = bool(ctx.args, 'include_users');
  const includeDisabled = bool(ctx.args, 'include_disabled');
  const usergroups = [...ctx.ws.usergroups.values()].filter((g) => includeDisabled || !g.disabled).map((g) => ({
    id: g.id,
    team_id: ctx.ws.me.teamId,
    is_usergroup: true,
    name: g.handle,
    handle: g.handle,
    user_count: g.users.length,
    date_delete: g.disabled ? ctx.ws.nowSeconds() : 0,
    ...(includeUsers ? { users: [...g.users] } : {}),
  }));
  return ok({ usergroups });
};

const usergroupUsers: Handler = (ctx) => {
  const g = ctx.ws.usergroups.get(str(ctx.args, 'usergroup') ?? '');
  return g ? ok({ users: [...g.users] }) : fail('no_such_subteam');
};

export const userMethods: Record<string, Handler> = {
  'auth.test': authTest,
  'api.test': apiTest,
  'users.info': info,
  'users.list': list,
  'users.lookupByEmail': lookupByEmail,
  'usergroups.list': usergroupsList,
  'usergroups.users.list': usergroupUsers,
};
